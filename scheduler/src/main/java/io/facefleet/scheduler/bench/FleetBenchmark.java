package io.facefleet.scheduler.bench;

import io.facefleet.common.app.FreePort;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.scheduler.SchedulerApplication;
import io.facefleet.scheduler.demo.WorkerProcess;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
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

    /**
     * @param pickupSeconds      mean latency of the first job each idle worker took: how long an idle fleet takes to
     *                           notice new work (JobRunr's poll)
     * @param idleSecondsPerJob  the workers' time outside any job, per job: (workers × wall − Σ in-job) / videos,
     *                           JobRunr's share (polls, state changes) plus the uneven end of the run
     */
    record Result(int workers, int videos, double wallSeconds, double videosPerHour, double meanLatencySeconds,
                  double pickupSeconds, double meanProcessSeconds, double idleSecondsPerJob, int failed,
                  Load load) {
    }

    /**
     * What the fleet asks of PostgreSQL: transactions per second per idle worker (JobRunr's polls and heartbeats),
     * and per video processed, transactions and rows written (JobRunr's state changes and the results), the idle
     * share and the benchmark's own queries taken out.
     */
    record Load(double idleCommitsPerSecondPerWorker, double commitsPerVideo, double rowsPerVideo) {
    }

    /** Long enough for several polls of every worker (5 s). */
    static final Duration IDLE_WINDOW = Duration.ofSeconds(30);

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
                processes.add(WorkerProcess.start(workerJar, javaOptions, db, FreePort.any(),
                        Files.createDirectories(logs).resolve(db.database() + "-worker" + i + ".log"),
                        List.of("--jobs", "1")));
            }
            awaitServers(jdbc, workers, processes, timeout);
            // Each of the benchmark's own queries is a transaction of its own (autocommit), counted and taken out.
            DatabaseActivity idleStart = DatabaseActivity.read(jdbc, db.database());
            Thread.sleep(IDLE_WINDOW.toMillis());
            DatabaseActivity idle = DatabaseActivity.read(jdbc, db.database()).since(idleStart);
            double idleCommitsPerSecond = (idle.commits() - 1) / (IDLE_WINDOW.toNanos() / 1e9);
            DatabaseActivity workStart = DatabaseActivity.read(jdbc, db.database());
            long workStartNanos = System.nanoTime();
            try (ConfigurableApplicationContext scheduler = SchedulerApplication.start(
                    "--spring.datasource.url=" + db.jdbcUrl(), "--server.port=" + FreePort.any(),
                    "--jobrunr.dashboard.enabled=false", "--facefleet.library.watch=false",
                    "--facefleet.library.roots=" + library, "--facefleet.library.rescan-interval=24h",
                    "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                    "--logging.level.org.flywaydb=ERROR")) {
                long[] ownQueries = {0};
                int videos = awaitDone(jdbc, processes, timeout, ownQueries);
                DatabaseActivity work = DatabaseActivity.read(jdbc, db.database()).since(workStart);
                double workSeconds = (System.nanoTime() - workStartNanos) / 1e9;
                Load load = new Load(idleCommitsPerSecond / workers,
                        (work.commits() - ownQueries[0] - 1 - idleCommitsPerSecond * workSeconds) / videos,
                        (double) work.rowsWritten() / videos);
                Instant start = jdbc.sql("SELECT min(createdat) FROM jobrunr_jobs").query(Timestamp.class).single()
                        .toInstant();
                Instant end = jdbc.sql("SELECT max(processed_at) FROM videos").query(Timestamp.class).single()
                        .toInstant();
                double wall = Duration.between(start, end).toNanos() / 1e9;
                JobTimings timings = JobTimings.read(jdbc, "io.facefleet.common.jobs.ProcessVideoHandler");
                int failed = jdbc.sql("SELECT count(*) FROM videos WHERE status = 'failed'").query(Integer.class)
                        .single();
                double inJob = timings.processing().stream().mapToDouble(d -> d.toNanos() / 1e9).sum();
                List<Duration> firstTaken = timings.latencies().stream().sorted().limit(workers).toList();
                return new Result(workers, videos, wall, videos / wall * 3600,
                        JobTimings.meanSeconds(timings.latencies()), JobTimings.meanSeconds(firstTaken),
                        JobTimings.meanSeconds(timings.processing()), (workers * wall - inJob) / videos, failed,
                        load);
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

    private static int awaitDone(JdbcClient jdbc, List<WorkerProcess> processes, Duration timeout, long[] queries)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            processes.forEach(WorkerProcess::checkAlive);
            int total = jdbc.sql("SELECT count(*) FROM videos").query(Integer.class).single();
            int finished = jdbc.sql("SELECT count(*) FROM videos WHERE status IN ('done', 'failed')")
                    .query(Integer.class).single();
            queries[0] += 2;
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
}
