package io.facefleet.scheduler.bench;

import io.facefleet.common.app.FreePort;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.common.store.VideoStore;
import io.facefleet.common.store.read.DatabaseStatistics;
import io.facefleet.common.store.read.DatabaseStatistics.Activity;
import io.facefleet.scheduler.SchedulerApplication;
import io.facefleet.scheduler.demo.WorkerProcess;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson3.Jackson3JsonMapper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.user(), db.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        DatabaseStatistics stats = new DatabaseStatistics(jdbc);
        VideoStore videoStore = new VideoStore(jdbc);
        // The workers create JobRunr's tables: read through JobRunr's API, without creating or checking them here.
        StorageProvider jobs = new PostgresStorageProvider(dataSource, DatabaseOptions.NO_VALIDATE);
        jobs.setJobMapper(new JobMapper(new Jackson3JsonMapper()));
        List<WorkerProcess> processes = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                processes.add(WorkerProcess.start(workerJar, javaOptions, db, FreePort.any(),
                        Files.createDirectories(logs).resolve(db.database() + "-worker" + i + ".log"),
                        List.of("--jobs", "1")));
            }
            awaitServers(jobs, workers, processes, timeout);
            // Each of the benchmark's own queries is a transaction of its own (autocommit), counted and taken out.
            Activity idleStart = stats.activity(db.database());
            Thread.sleep(IDLE_WINDOW.toMillis());
            Activity idle = stats.activity(db.database()).since(idleStart);
            double idleCommitsPerSecond = (idle.commits() - 1) / (IDLE_WINDOW.toNanos() / 1e9);
            Activity workStart = stats.activity(db.database());
            long workStartNanos = System.nanoTime();
            try (ConfigurableApplicationContext scheduler = SchedulerApplication.start(
                    "--spring.datasource.url=" + db.jdbcUrl(), "--server.port=" + FreePort.any(),
                    "--jobrunr.dashboard.enabled=false", "--facefleet.library.watch=false",
                    "--facefleet.library.roots=" + library, "--facefleet.library.rescan-interval=24h",
                    "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                    "--logging.level.org.flywaydb=ERROR")) {
                long[] ownQueries = {0};
                int videos = awaitDone(videoStore, processes, timeout, ownQueries);
                Activity work = stats.activity(db.database()).since(workStart);
                double workSeconds = (System.nanoTime() - workStartNanos) / 1e9;
                Load load = new Load(idleCommitsPerSecond / workers,
                        (work.commits() - ownQueries[0] - 1 - idleCommitsPerSecond * workSeconds) / videos,
                        (double) work.rowsWritten() / videos);
                JobTimings timings = JobTimings.read(jobs, "io.facefleet.common.jobs.ProcessVideoHandler");
                Instant end = videoStore.lastProcessedAt().orElseThrow();
                double wall = Duration.between(timings.firstCreated(), end).toNanos() / 1e9;
                int failed = videoStore.countByStatus().get(VideoStatus.FAILED).intValue();
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
            jobs.close();
            Databases.drop(db);
        }
    }

    private static void awaitServers(StorageProvider jobs, int workers, List<WorkerProcess> processes,
                                     Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (runningServers(jobs) < workers) {
            processes.forEach(WorkerProcess::checkAlive);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Workers did not register with JobRunr within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    /** 0 until the first worker has created JobRunr's tables. */
    private static long runningServers(StorageProvider jobs) {
        try {
            return jobs.getBackgroundJobServers().stream().filter(BackgroundJobServerStatus::isRunning).count();
        } catch (RuntimeException tablesNotThereYet) {
            return 0;
        }
    }

    private static int awaitDone(VideoStore videos, List<WorkerProcess> processes, Duration timeout, long[] queries)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            processes.forEach(WorkerProcess::checkAlive);
            Map<VideoStatus, Long> counts = videos.countByStatus();
            int total = (int) counts.values().stream().mapToLong(Long::longValue).sum();
            int finished = (int) (counts.get(VideoStatus.DONE) + counts.get(VideoStatus.FAILED));
            queries[0] += 1;
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
