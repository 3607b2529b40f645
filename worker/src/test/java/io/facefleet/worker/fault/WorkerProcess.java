package io.facefleet.worker.fault;

import io.facefleet.common.app.FreePort;
import io.facefleet.common.app.JavaCommand;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.worker.jobs.PipelineFixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker started from the packaged jar as a process of its own, as on a worker host:
 * {@code java -jar facefleet-worker.jar worker --port P --jobs N}, configured by the FACEFLEET_* environment, with a
 * JobRunr server name of its own so the test can tell which worker holds a job; on this machine or on a host of its
 * own ({@link HostNamespace}). The test can kill it (SIGKILL); {@link #close()} always leaves no process behind.
 */
final class WorkerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private WorkerProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("facefleet.worker.jar", "target/facefleet-worker.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No worker jar at " + jar + ": these tests run in 'mvn verify', after package");
        }
        return jar;
    }

    /**
     * @param name      the JobRunr server name ({@code jobrunr.background-job-server.name})
     * @param extraArgs more Spring Boot settings, e.g. {@code --jobrunr.jobs.retry-back-off-time-seed=1}
     */
    static WorkerProcess start(String name, DatabaseSettings db, int redisPort, int jobs, List<String> extraArgs) {
        return start(name, db, redisPort, jobs, extraArgs, null);
    }

    /**
     * @param host the namespace to run it in, reaching PostgreSQL and Redis (which must listen there) through its
     *             link; null to run it beside the test
     */
    static WorkerProcess start(String name, DatabaseSettings db, int redisPort, int jobs, List<String> extraArgs,
                               HostNamespace host) {
        String serverAddress = host == null ? "127.0.0.1" : host.hostAddress();
        int port = FreePort.any();
        List<String> arguments = new ArrayList<>(List.of("worker", "--port", Integer.toString(port),
                "--jobs", Integer.toString(jobs), "--jobrunr.background-job-server.name=" + name));
        arguments.addAll(extraArgs);
        List<String> command = JavaCommand.forJar(jar(), List.of("-Xmx1g"), arguments);
        Path log = FaultLogs.file("worker-" + name);
        ProcessBuilder builder = new ProcessBuilder(host == null ? command : host.wrap(command)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(db.environment());
        builder.environment().put("FACEFLEET_DB_HOST", host == null ? db.host() : serverAddress);
        builder.environment().put("FACEFLEET_REDIS_HOST", serverAddress);
        builder.environment().put("FACEFLEET_REDIS_PORT", Integer.toString(redisPort));
        builder.environment().put("FACEFLEET_MODEL_PACK", "dev-512");
        builder.environment().put("FACEFLEET_FIXTURES", PipelineFixture.FIXTURES.root().toString());
        builder.environment().remove("FACEFLEET_WORKER_COUNT");
        try {
            return new WorkerProcess(name, builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /** The face API's port (GET /health, the probes), on 127.0.0.1; not reachable so when it runs in a namespace. */
    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the end of the worker's log when it has exited. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Worker " + name + " exited with code " + process.exitValue()
                    + ". End of " + log + ":\n" + tail(40));
        }
    }

    /** SIGKILL, as a crash or a pulled plug: no shutdown hook, no last heartbeat. Returns once it is gone. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /**
     * Whether one of its threads, virtual ones included, is inside a method of {@code type} now: a thread dump
     * taken with jcmd (Thread.dump_to_file, which unlike Thread.print lists virtual threads, where JobRunr runs jobs).
     */
    boolean isRunning(Class<?> type) {
        Path dump = FaultLogs.file("threads-" + name);
        Commands.run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "Thread.dump_to_file", "-format=text", dump.toString()), 120);
        try {
            String threads = Files.readString(dump);
            Files.delete(dump);
            return threads.contains(type.getName() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (a graceful Spring shutdown) and, when that takes over 30 s, SIGKILL. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Worker " + name + " (pid " + process.pid() + ") did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
