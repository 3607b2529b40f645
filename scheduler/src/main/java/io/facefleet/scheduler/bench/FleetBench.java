package io.facefleet.scheduler.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs {@link FleetBenchmark} for each worker count, one after the other, and prints one row each. */
public final class FleetBench {

    private final Path workerJar;
    private final List<String> javaOptions;
    private final Path work;

    public FleetBench(Path workerJar, List<String> javaOptions, Path work) {
        this.workerJar = workerJar;
        this.javaOptions = javaOptions;
        this.work = work;
    }

    public void run(List<Integer> workerCounts, Path videos, int copies, Duration timeout, PrintStream out)
            throws Exception {
        Path library = FleetBenchmark.library(videos, copies, work.resolve("library"));
        FleetBenchmark benchmark = new FleetBenchmark(workerJar, javaOptions, work.resolve("logs"));
        out.printf(Locale.ROOT, "Library: %s (%d copies of each video in %s); %d CPU cores%n", library, copies, videos,
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-8s %7s %9s %12s %11s %10s %15s %11s %7s%n", "workers", "videos", "wall s",
                "videos/hour", "latency s", "pickup s", "in-job s/video", "idle s/job", "failed");
        List<FleetBenchmark.Result> results = new ArrayList<>();
        for (int workers : workerCounts) {
            FleetBenchmark.Result r = benchmark.run(workers, library, timeout);
            results.add(r);
            out.printf(Locale.ROOT, "%-8d %7d %9.1f %12.0f %11.2f %10.2f %15.2f %11.2f %7d%n", r.workers(),
                    r.videos(), r.wallSeconds(), r.videosPerHour(), r.meanLatencySeconds(), r.pickupSeconds(),
                    r.meanProcessSeconds(), r.idleSecondsPerJob(), r.failed());
        }
        out.println("latency: enqueued to started, mean over jobs (mostly waiting for a free worker); pickup: the same"
                + " for the first job of each idle worker (JobRunr's poll); in-job: JobRunr's process duration;"
                + " idle: the workers' time outside jobs per job, (workers x wall - sum of in-job) / videos.");
        out.println();
        out.printf(Locale.ROOT, "%-8s %26s %17s %20s%n", "workers", "idle tx/s per worker", "tx per video",
                "rows written/video");
        for (FleetBenchmark.Result r : results) {
            out.printf(Locale.ROOT, "%-8d %26.2f %17.1f %20.1f%n", r.workers(), r.load().idleCommitsPerSecondPerWorker(),
                    r.load().commitsPerVideo(), r.load().rowsPerVideo());
        }
        out.println("PostgreSQL's counters (pg_stat_database) for the run's database: transactions while the workers"
                + " sat idle for " + FleetBenchmark.IDLE_WINDOW.toSeconds() + " s (JobRunr's polls and heartbeats),"
                + " and per video processed (the idle rate taken out): transactions and rows inserted, updated or"
                + " deleted (JobRunr's job rows and the results).");
    }
}
