package io.facefleet.scheduler.support;

import io.facefleet.scheduler.demo.WorkerProcess;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a test's real worker to get through its jobs. */
public final class FleetWork {

    private FleetWork() {
    }

    /** No job waits or runs. */
    public static boolean idle(SchedulerApi api) {
        JsonNode jobs = api.get("/api/fleet").getBody().get("jobs");
        return jobs.get("enqueued").asLong() + jobs.get("processing").asLong() + jobs.get("scheduled").asLong() == 0;
    }

    /** Polls {@code done} until it holds; fails after {@code atMost}, or with the worker's log once it has exited. */
    public static void await(WorkerProcess worker, String what, Duration atMost, Duration poll, BooleanSupplier done) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            worker.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + atMost.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
