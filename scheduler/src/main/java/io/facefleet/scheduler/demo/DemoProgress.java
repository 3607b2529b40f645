package io.facefleet.scheduler.demo;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Waits until the library is registered and every job has run, printing a line whenever the counts change. */
public final class DemoProgress {

    private static final long PRINT_EVERY_NANOS = 5_000_000_000L;

    private final JdbcClient jdbc;
    private final WorkerProcess worker;

    public DemoProgress(JdbcClient jdbc, WorkerProcess worker) {
        this.jdbc = jdbc;
        this.worker = worker;
    }

    public void awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = System.nanoTime();
        String last = "";
        long lastPrinted = 0;
        while (true) {
            worker.checkAlive();
            Map<String, Integer> jobs = counts("SELECT state, count(*) FROM jobrunr_jobs GROUP BY state");
            Map<String, Integer> videos = counts("SELECT status, count(*) FROM videos GROUP BY status");
            String line = "jobs " + describe(jobs) + " | videos " + describe(videos);
            boolean quietLongEnough = System.nanoTime() - lastPrinted > PRINT_EVERY_NANOS;
            if (!line.equals(last) && quietLongEnough) {
                System.out.printf("  %5.0f s  %s%n", (System.nanoTime() - start) / 1e9, line);
                last = line;
                lastPrinted = System.nanoTime();
            }
            boolean jobsLeft = jobs.keySet().stream()
                    .anyMatch(state -> state.equals("SCHEDULED") || state.equals("ENQUEUED")
                            || state.equals("PROCESSING") || state.equals("AWAITING"));
            boolean videosLeft = videos.isEmpty() || videos.keySet().stream()
                    .anyMatch(status -> status.equals("new") || status.equals("queued") || status.equals("processing"));
            if (!jobsLeft && !videosLeft) {
                System.out.printf("  %5.0f s  %s%n", (System.nanoTime() - start) / 1e9, line);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The demo did not finish within " + timeout + ": " + line);
            }
            Thread.sleep(1000);
        }
    }

    private Map<String, Integer> counts(String sql) {
        return jdbc.sql(sql).query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Integer::sum, java.util.TreeMap::new));
    }

    private static String describe(Map<String, Integer> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().toLowerCase()).collect(Collectors.joining(", "));
    }
}
