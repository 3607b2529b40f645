package io.facefleet.scheduler.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A regular file's size and modification time as the database keeps them: PostgreSQL stores microseconds, so
 * the time is cut to microseconds here and a file compares equal to its own row.
 */
public record FileState(Path path, long size, Instant mtime) {

    public static FileState of(Path path, BasicFileAttributes attributes) {
        return new FileState(path, attributes.size(),
                attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MICROS));
    }

    /** Empty when the path is gone or is not a regular file (or a link to one: then its target's size and time). */
    public static Optional<FileState> read(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(of(path, attributes)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public String pathText() {
        return path.toString();
    }
}
