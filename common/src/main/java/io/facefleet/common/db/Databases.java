package io.facefleet.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Creates and drops whole databases: each demo run and each test class gets one of its own. */
public final class Databases {

    private Databases() {
    }

    /** A new empty database with the vector extension, named {@code prefix_yyyyMMdd_HHmmss_random}. */
    public static DatabaseSettings createFresh(DatabaseSettings server, String prefix) {
        String name = prefix + "_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
        try (Connection admin = server.withDatabase("postgres").connect(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " on " + server.host() + ":"
                    + server.port() + " (is PostgreSQL up? run: facefleet services up): " + e.getMessage(), e);
        }
        DatabaseSettings fresh = server.withDatabase(name);
        try (Connection db = fresh.connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (SQLException e) {
            drop(fresh);
            throw new IllegalStateException("pgvector is not installed on " + server.host() + ":" + server.port()
                    + " (run: facefleet services up): " + e.getMessage(), e);
        }
        return fresh;
    }

    /** The databases on the server whose names start with {@code prefix_}, oldest first (the names hold the time). */
    public static List<String> named(DatabaseSettings server, String prefix) {
        try (Connection admin = server.withDatabase("postgres").connect();
             PreparedStatement sql = admin.prepareStatement(
                     "SELECT datname FROM pg_database WHERE starts_with(datname, ?) ORDER BY datname")) {
            sql.setString(1, prefix + "_");
            List<String> names = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the databases on " + server.host() + ":" + server.port()
                    + ": " + e.getMessage(), e);
        }
    }

    public static void drop(DatabaseSettings database) {
        try (Connection admin = database.withDatabase("postgres").connect(); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop database " + database.database() + ": " + e.getMessage(), e);
        }
    }

    /** The HNSW search breadth every new connection to the database starts with (migration V4 sets 200). */
    public static void setSearchBreadth(DatabaseSettings database, int efSearch) {
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            sql.execute("ALTER DATABASE " + database.database() + " SET hnsw.ef_search = " + efSearch);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set hnsw.ef_search on " + database.database() + ": "
                    + e.getMessage(), e);
        }
    }
}
