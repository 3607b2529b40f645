package io.facefleet.scheduler.demo;

import io.facefleet.common.db.DatabaseSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker started as a process of its own, as on a worker host, stopped (SIGTERM, then SIGKILL) on close; it also
 * ends by itself when this process ends, however that happens.
 */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static WorkerProcess start(Path jar, List<String> javaOptions, DatabaseSettings db, int port, Path log)
            throws IOException {
        return start(jar, javaOptions, db, port, log, List.of());
    }

    public static WorkerProcess start(Path jar, List<String> javaOptions, DatabaseSettings db, int port, Path log,
                                      List<String> workerArguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(), "worker", "--port", Integer.toString(port),
                "--facefleet.exit-with-pid=" + ProcessHandle.current().pid()));
        command.addAll(workerArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("FACEFLEET_DB_HOST", db.host());
        builder.environment().put("FACEFLEET_DB_PORT", Integer.toString(db.port()));
        builder.environment().put("FACEFLEET_DB_USER", db.user());
        builder.environment().put("FACEFLEET_DB_PASSWORD", db.password());
        builder.environment().put("FACEFLEET_DB_NAME", db.database());
        return new WorkerProcess(builder.start(), log);
    }

    public long pid() {
        return process.pid();
    }

    /** Fails with the end of the worker's log when the worker has exited. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The worker exited with code " + process.exitValue() + ". End of "
                    + log + ":\n" + tail());
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
