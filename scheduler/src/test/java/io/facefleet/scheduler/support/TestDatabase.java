package io.facefleet.scheduler.support;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;
import java.util.function.Supplier;

/** A database of the test class's own, and the library folder and watcher setting its scheduler runs with. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static DatabaseSettings create(String prefix, DynamicPropertyRegistry registry, Supplier<Path> library,
                                          boolean watch) {
        DatabaseSettings database = Databases.createFresh(DatabaseSettings.fromEnvironment(), prefix);
        database.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("facefleet.library.roots", () -> library.get().toString());
        registry.add("facefleet.library.watch", () -> watch);
        return database;
    }

    public static void drop(DatabaseSettings database) {
        if (database != null) {
            Databases.drop(database);
        }
    }
}
