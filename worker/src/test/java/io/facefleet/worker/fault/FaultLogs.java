package io.facefleet.worker.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where the processes these tests start write their output: target/fault-logs (kept for a look after a failure). */
final class FaultLogs {

    private static final Path DIR = Path.of(System.getProperty("facefleet.fault.logs", "target/fault-logs"));

    private FaultLogs() {
    }

    static Path file(String name) {
        try {
            Files.createDirectories(DIR);
            return DIR.resolve(name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS"))
                    + ".log").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
