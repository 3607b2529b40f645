package io.facefleet.common;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder beside the checkout that holds what never goes into git: {@code models/} and {@code facedata/}.
 * Named by the system property {@code facefleet.fixtures}, else the environment variable
 * {@code FACEFLEET_FIXTURES}, else {@code ../shared}.
 */
public record Fixtures(Path root) {

    public static Fixtures locate() {
        String configured = System.getProperty("facefleet.fixtures");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("FACEFLEET_FIXTURES");
        }
        if (configured == null || configured.isBlank()) {
            configured = "../shared";
        }
        return new Fixtures(Path.of(configured).toAbsolutePath().normalize());
    }

    public Path models() {
        return root.resolve("models");
    }

    public Path facedata() {
        return root.resolve("facedata");
    }

    /** A file under facedata/, which must exist: tests and benchmarks call this and should fail loudly. */
    public Path facedata(String relative) {
        Path path = facedata().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("Face data not found: " + path
                    + " (set FACEFLEET_FIXTURES to the folder that holds facedata/ and models/)");
        }
        return path;
    }
}
