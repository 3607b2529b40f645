package io.facefleet.scheduler.bench;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.scheduler.SchedulerApplication;
import io.facefleet.scheduler.demo.WorkerProcess;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Videos per hour for a number of worker processes on this machine: a database of its own, a library of copies
 * of the sample videos (symbolic links, each a video of its own to Facefleet), the workers started and registered
 * with JobRunr before the scheduler's start-up scan queues the library; the clock runs from the first job's
 * creation to the last video's completion.
 */
final class FleetBenchmark {

    record Result(int workers, int videos, double wallSeconds, double videosPerHour, double meanLatencySeconds,
                  double meanProcessSeconds, int failed) {
    }

    private final Path workerJar;
    private final List<String> javaOptions;
    private final Path logs;

    FleetBenchmark(Path workerJar, List<String> javaOptions, Path logs) {
        this.workerJar = workerJar;
        this.javaOptions = javaOptions;
        this.logs = logs;
    }

    Result run(int workers, Path library, Duration timeout) throws Exception {
        DatabaseSettings db = Databases.createFresh(DatabaseSettings.fromEnvironment(), "facefleet_bench");
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.jdbcUrl(), db.user(), db.password()));
        List<WorkerProcess> processes = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                processes.add(WorkerProcess.start(workerJar, javaOptions, db, freePort(),
                        Files.createDirectories(logs).resolve(db.database() + "-worker" + i + ".log"),
                        List.of("--jobs", "1")));
            }
            awaitServers(jdbc, workers, processes, timeout);
            try (ConfigurableApplicationContext scheduler = SchedulerApplication.start(
                    "--spring.datasource.url=" + db.jdbcUrl(), "--server.port=" + freePort(),
                    "--jobrunr.dashboard.enabled=false", "--facefleet.library.watch=false",
                    "--facefleet.library.roots=" + library, "--facefleet.library.rescan-interval=24h",
                    "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                    "--logging.level.org.flywaydb=ERROR")) {
                int videos = awaitDone(jdbc, processes, timeout);
                Instant start = jdbc.sql("SELECT min(createdat) FROM jobrunr_jobs").query(Timestamp.class).single()
                        .toInstant();
                Instant end = jdbc.sql("SELECT max(processed_at) FROM videos").query(Timestamp.class).single()
                        .toInstant();
                double wall = Duration.between(start, end).toNanos() / 1e9;
                JobTimings timings = JobTimings.read(jdbc, "io.facefleet.common.jobs.ProcessVideoHandler");
                int failed = jdbc.sql("SELECT count(*) FROM videos WHERE status = 'failed'").query(Integer.class)
                        .single();
                return new Result(workers, videos, wall, videos / wall * 3600,
                        JobTimings.meanSeconds(timings.latencies()), JobTimings.meanSeconds(timings.processing()),
                        failed);
            }
        } finally {
            for (WorkerProcess process : processes) {
                process.close();
            }
            Databases.drop(db);
        }
    }

    private static void awaitServers(JdbcClient jdbc, int workers, List<WorkerProcess> processes, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (serverCount(jdbc) < workers) {
            processes.forEach(WorkerProcess::checkAlive);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Workers did not register with JobRunr within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private static int serverCount(JdbcClient jdbc) {
        boolean exists = jdbc.sql("SELECT to_regclass('jobrunr_backgroundjobservers') IS NOT NULL")
                .query(Boolean.class).single();
        return exists ? jdbc.sql("SELECT count(*) FROM jobrunr_backgroundjobservers WHERE running = 1")
                .query(Integer.class).single() : 0;
    }

    private static int awaitDone(JdbcClient jdbc, List<WorkerProcess> processes, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            processes.forEach(WorkerProcess::checkAlive);
            int total = jdbc.sql("SELECT count(*) FROM videos").query(Integer.class).single();
            int finished = jdbc.sql("SELECT count(*) FROM videos WHERE status IN ('done', 'failed')")
                    .query(Integer.class).single();
            if (total > 0 && finished == total) {
                return total;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + finished + " of " + total + " videos finished within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    /** A library of {@code copies} symbolic links to each video of {@code source}. */
    static Path library(Path source, int copies, Path target) throws IOException {
        Files.createDirectories(target);
        try (var files = Files.list(source)) {
            for (Path video : files.filter(Files::isRegularFile).sorted().toList()) {
                for (int i = 0; i < copies; i++) {
                    Path link = target.resolve(i + "-" + video.getFileName());
                    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, video.toAbsolutePath());
                    }
                }
            }
        }
        return target;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
