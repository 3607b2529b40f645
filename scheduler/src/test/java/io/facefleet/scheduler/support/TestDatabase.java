package io.facefleet.scheduler.support;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A database of the test class's own, and the library folder and watcher setting its scheduler runs with.
 * <p>
 * A class drops its database when it is done. Where it cannot, because its Spring context failed to start and JUnit
 * never ran its {@code @AfterAll}, the database is dropped when the test JVM exits.
 */
public final class TestDatabase {

    private static final Set<DatabaseSettings> NOT_DROPPED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropTheRest, "drop-test-databases"));
    }

    private TestDatabase() {
    }

    public static DatabaseSettings create(String prefix, DynamicPropertyRegistry registry, Supplier<Path> library,
                                          boolean watch) {
        DatabaseSettings database = Databases.createFresh(DatabaseSettings.fromEnvironment(), prefix);
        NOT_DROPPED.add(database);
        database.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("facefleet.library.roots", () -> library.get().toString());
        registry.add("facefleet.library.watch", () -> watch);
        return database;
    }

    public static void drop(DatabaseSettings database) {
        if (database != null) {
            Databases.drop(database);
            NOT_DROPPED.remove(database);
        }
    }

    private static void dropTheRest() {
        for (DatabaseSettings database : NOT_DROPPED) {
            try {
                Databases.drop(database);
            } catch (RuntimeException e) {
                System.err.println("Test database left behind: " + e.getMessage());
            }
        }
    }
}
