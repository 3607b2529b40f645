package io.facefleet.scheduler.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
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
        out.printf(Locale.ROOT, "%-8s %7s %9s %12s %18s %16s %7s%n", "workers", "videos", "wall s", "videos/hour",
                "JobRunr latency s", "in-job s/video", "failed");
        for (int workers : workerCounts) {
            FleetBenchmark.Result r = benchmark.run(workers, library, timeout);
            out.printf(Locale.ROOT, "%-8d %7d %9.1f %12.0f %18.2f %16.2f %7d%n", r.workers(), r.videos(),
                    r.wallSeconds(), r.videosPerHour(), r.meanLatencySeconds(), r.meanProcessSeconds(), r.failed());
        }
        out.println("JobRunr latency: enqueued to started, mean over jobs (includes waiting for a free worker);"
                + " in-job: JobRunr's process duration.");
    }
}
