package io.facefleet.scheduler.demo;

import io.facefleet.common.app.JavaCommand;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.scheduler.security.BearerTokens;

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
    private final String token;

    private WorkerProcess(Process process, Path log, String token) {
        this.process = process;
        this.log = log;
        this.token = token;
    }

    public static WorkerProcess start(Path jar, List<String> javaOptions, DatabaseSettings db, int port, Path log)
            throws IOException {
        return start(jar, javaOptions, db, port, log, List.of());
    }

    public static WorkerProcess start(Path jar, List<String> javaOptions, DatabaseSettings db, int port, Path log,
                                      List<String> workerArguments) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("worker", "--port", Integer.toString(port),
                "--facefleet.exit-with-pid=" + ProcessHandle.current().pid()));
        arguments.addAll(workerArguments);
        ProcessBuilder builder = new ProcessBuilder(JavaCommand.forJar(jar, javaOptions, arguments))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(db.environment());
        String token = BearerTokens.generate();
        builder.environment().put("FACEFLEET_WORKER_TOKEN", token);
        return new WorkerProcess(builder.start(), log, token);
    }

    public long pid() {
        return process.pid();
    }

    /** The token its face API takes (Authorization: Bearer). */
    public String token() {
        return token;
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
