package io.facefleet.worker.support;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A database of its own for a test class, dropped when the test JVM ends (after Spring has closed its contexts). */
public final class FreshDatabase {

    private FreshDatabase() {
    }

    public static DatabaseSettings create(String prefix) {
        DatabaseSettings db = Databases.createFresh(DatabaseSettings.fromEnvironment(), prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Databases.drop(db)));
        return db;
    }

    public static void register(DatabaseSettings db, DynamicPropertyRegistry registry) {
        db.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }
}
