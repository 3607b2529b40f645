package io.facefleet.common.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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

    public static void drop(DatabaseSettings database) {
        try (Connection admin = database.withDatabase("postgres").connect(); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop database " + database.database() + ": " + e.getMessage(), e);
        }
    }
}
