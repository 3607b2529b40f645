package io.facefleet.scheduler.demo;

import io.facefleet.common.store.VideoStatus;
import io.facefleet.common.store.VideoStore;
import org.jobrunr.storage.JobStats;
import org.jobrunr.storage.StorageProvider;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Waits until the library is registered and every job has run, printing a line whenever the counts change. */
public final class DemoProgress {

    private static final long PRINT_EVERY_NANOS = 5_000_000_000L;

    private final StorageProvider jobs;
    private final VideoStore videos;
    private final WorkerProcess worker;

    public DemoProgress(StorageProvider jobs, VideoStore videos, WorkerProcess worker) {
        this.jobs = jobs;
        this.videos = videos;
        this.worker = worker;
    }

    public void awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = System.nanoTime();
        String last = "";
        long lastPrinted = 0;
        while (true) {
            worker.checkAlive();
            JobStats stats = jobs.getJobStats();
            Map<String, Long> jobCounts = new LinkedHashMap<>();
            jobCounts.put("awaiting", count(stats.getAwaiting()));
            jobCounts.put("scheduled", count(stats.getScheduled()));
            jobCounts.put("enqueued", count(stats.getEnqueued()));
            jobCounts.put("processing", count(stats.getProcessing()));
            jobCounts.put("failed", count(stats.getFailed()));
            jobCounts.put("succeeded", count(stats.getSucceeded()));
            Map<VideoStatus, Long> videoCounts = videos.countByStatus();
            String line = "jobs " + describe(jobCounts) + " | videos " + describe(videoCounts.entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().db(), Map.Entry::getValue, Long::sum, LinkedHashMap::new)));
            boolean quietLongEnough = System.nanoTime() - lastPrinted > PRINT_EVERY_NANOS;
            if (!line.equals(last) && quietLongEnough) {
                System.out.printf("  %5.0f s  %s%n", (System.nanoTime() - start) / 1e9, line);
                last = line;
                lastPrinted = System.nanoTime();
            }
            boolean jobsLeft = jobCounts.get("awaiting") + jobCounts.get("scheduled") + jobCounts.get("enqueued")
                    + jobCounts.get("processing") > 0;
            long videosLeft = videoCounts.get(VideoStatus.NEW) + videoCounts.get(VideoStatus.QUEUED)
                    + videoCounts.get(VideoStatus.PROCESSING);
            boolean noVideos = videoCounts.values().stream().mapToLong(Long::longValue).sum() == 0;
            if (!jobsLeft && videosLeft == 0 && !noVideos) {
                System.out.printf("  %5.0f s  %s%n", (System.nanoTime() - start) / 1e9, line);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The demo did not finish within " + timeout + ": " + line);
            }
            Thread.sleep(1000);
        }
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }

    /** The counts that are not zero, e.g. "3 succeeded, 1 failed"; "none" when all are. */
    private static String describe(Map<String, Long> counts) {
        String described = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return described.isEmpty() ? "none" : described;
    }
}
