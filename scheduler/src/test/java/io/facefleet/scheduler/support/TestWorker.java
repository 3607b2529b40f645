package io.facefleet.scheduler.support;

import io.facefleet.common.Fixtures;
import io.facefleet.common.app.FreePort;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.scheduler.demo.WorkerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real worker for the scheduler's end-to-end tests: the worker jar the reactor built before this module, run as a
 * process of its own (as on a worker host) against the test's database, with the dev-512 pack unless told.
 */
public final class TestWorker {

    private TestWorker() {
    }

    public static WorkerProcess start(DatabaseSettings database, Path log) {
        return start(database, log, "dev-512");
    }

    /** @param pack the worker's facefleet.model-pack: a pack's name or auto */
    public static WorkerProcess start(DatabaseSettings database, Path log, String pack) {
        Path jar = Path.of(System.getProperty("facefleet.worker-jar", "../worker/target/facefleet-worker.jar"))
                .toAbsolutePath().normalize();
        checkBuilt(jar);
        List<String> options = List.of("-Dfacefleet.fixtures=" + Fixtures.locate().root(),
                "-Dfacefleet.model-pack=" + pack, "-Dspring.main.banner-mode=off");
        try {
            Files.createDirectories(log.getParent());
            WorkerProcess worker = WorkerProcess.start(jar, options, database, FreePort.any(), log);
            // Closed by the test; should the test class never get that far, the worker still ends with the JVM.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.of(worker.pid())
                    .ifPresent(ProcessHandle::destroy)));
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar older than the worker's classes would test yesterday's worker. */
    private static void checkBuilt(Path jar) {
        String build = "build it first: ./mvnw package -pl common,worker -DskipTests (./facefleet test does)";
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No worker jar at " + jar + "; " + build);
        }
        Path classes = jar.getParent().resolve("classes");
        try (Stream<Path> files = Files.exists(classes) ? Files.walk(classes) : Stream.empty()) {
            FileTime built = Files.getLastModifiedTime(jar);
            if (files.anyMatch(file -> isNewer(file, built))) {
                throw new IllegalStateException("The worker jar " + jar + " is older than the worker's classes; " + build);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isNewer(Path file, FileTime than) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(than) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
