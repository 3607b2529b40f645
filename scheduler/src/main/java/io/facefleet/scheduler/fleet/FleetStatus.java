package io.facefleet.scheduler.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The workers and the work, for the dashboard's fleet page.
 *
 * @param workers          the JobRunr background job servers that have announced themselves (the workers)
 * @param jobs             JobRunr's jobs by state: awaiting, scheduled, enqueued, processing, failed, succeeded, deleted
 * @param videosByStatus   the library's videos by status
 * @param videosLastHour   videos whose processing finished in the last hour
 * @param pendingFaces     faces waiting in the review queue
 * @param jobrunrDashboard the JobRunr dashboard's port, where it runs beside the scheduler
 */
public record FleetStatus(Instant now, List<Worker> workers, Map<String, Long> jobs, Map<String, Long> videosByStatus,
                          long videosLastHour, long pendingFaces,
                          Dashboard jobrunrDashboard) {

    /**
     * A worker.
     *
     * @param alive          its last heartbeat is recent (within four polls, when JobRunr presumes it dead)
     * @param workerPoolSize jobs it runs at once
     */
    public record Worker(String id, String name, boolean alive, boolean running, int workerPoolSize,
                         int pollIntervalSeconds, Instant firstHeartbeat, Instant lastHeartbeat, Double processCpuLoad,
                         Long processMaxMemory, Long processFreeMemory, Long processAllocatedMemory) {
    }

    public record Dashboard(boolean enabled, int port) {
    }
}
