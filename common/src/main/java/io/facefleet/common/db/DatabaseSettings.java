package io.facefleet.common.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Where PostgreSQL is, from FACEFLEET_DB_HOST, _PORT, _USER, _PASSWORD and _NAME (the same variables
 * {@code facefleet services} reads), with local defaults.
 */
public record DatabaseSettings(String host, int port, String user, String password, String database) {

    public static DatabaseSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        return new DatabaseSettings(env.getOrDefault("FACEFLEET_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("FACEFLEET_DB_PORT", "5432")),
                env.getOrDefault("FACEFLEET_DB_USER", "postgres"),
                env.getOrDefault("FACEFLEET_DB_PASSWORD", ""),
                env.getOrDefault("FACEFLEET_DB_NAME", "facefleet"));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public DatabaseSettings withDatabase(String name) {
        return new DatabaseSettings(host, port, user, password, name);
    }

    /** The environment that points a Facefleet process (or {@code facefleet services}) at this database. */
    public Map<String, String> environment() {
        return Map.of("FACEFLEET_DB_HOST", host, "FACEFLEET_DB_PORT", Integer.toString(port), "FACEFLEET_DB_USER", user,
                "FACEFLEET_DB_PASSWORD", password, "FACEFLEET_DB_NAME", database);
    }

    /** Spring Boot properties that point a context at this database. */
    public Map<String, Object> springProperties() {
        return Map.of("spring.datasource.url", jdbcUrl(), "spring.datasource.username", user,
                "spring.datasource.password", password);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }
}
