package io.facefleet.scheduler.fleet;

import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.VideoStore;
import io.facefleet.scheduler.api.ApiException;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.context.JobDashboardProgressBar;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.JobStats;
import org.jobrunr.storage.StorageProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The workers (JobRunr's background job servers), the jobs and the throughput. */
@RestController
@RequestMapping("/api")
class FleetController {

    /** JobRunr presumes a server dead after four polls without a heartbeat; so does the dashboard. */
    static final int POLLS_BEFORE_PRESUMED_DEAD = 4;

    private final StorageProvider storage;
    private final VideoStore videos;
    private final FaceTrackStore faceTracks;
    private final Clock clock;
    private final boolean dashboardEnabled;
    private final int dashboardPort;

    FleetController(StorageProvider storage, VideoStore videos, FaceTrackStore faceTracks, Clock clock,
                    @Value("${jobrunr.dashboard.enabled:false}") boolean dashboardEnabled,
                    @Value("${jobrunr.dashboard.port:8000}") int dashboardPort) {
        this.storage = storage;
        this.videos = videos;
        this.faceTracks = faceTracks;
        this.clock = clock;
        this.dashboardEnabled = dashboardEnabled;
        this.dashboardPort = dashboardPort;
    }

    @GetMapping("/fleet")
    FleetStatus fleet() {
        Instant now = clock.instant();
        List<FleetStatus.Worker> workers = storage.getBackgroundJobServers().stream()
                .sorted(Comparator.comparing(BackgroundJobServerStatus::getFirstHeartbeat))
                .map(server -> worker(server, now))
                .toList();
        JobStats stats = storage.getJobStats();
        Map<String, Long> jobs = new LinkedHashMap<>();
        jobs.put("awaiting", zeroIfNull(stats.getAwaiting()));
        jobs.put("scheduled", zeroIfNull(stats.getScheduled()));
        jobs.put("enqueued", zeroIfNull(stats.getEnqueued()));
        jobs.put("processing", zeroIfNull(stats.getProcessing()));
        jobs.put("failed", zeroIfNull(stats.getFailed()));
        jobs.put("succeeded", zeroIfNull(stats.getSucceeded()));
        jobs.put("deleted", zeroIfNull(stats.getDeleted()));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        videos.countByStatus().forEach((status, count) -> byStatus.put(status.db(), count));
        long lastHour = videos.countDoneSince(now.minus(Duration.ofHours(1)));
        long pending = faceTracks.pendingCount();
        return new FleetStatus(now, workers, jobs, byStatus, lastHour, pending,
                new FleetStatus.Dashboard(dashboardEnabled, dashboardPort));
    }

    private static FleetStatus.Worker worker(BackgroundJobServerStatus server, Instant now) {
        Duration silence = Duration.ofSeconds((long) server.getPollIntervalInSeconds() * POLLS_BEFORE_PRESUMED_DEAD);
        boolean alive = server.isRunning() && server.getLastHeartbeat() != null
                && server.getLastHeartbeat().isAfter(now.minus(silence));
        return new FleetStatus.Worker(server.getId().toString(), server.getName(), alive, server.isRunning(),
                server.getWorkerPoolSize(), server.getPollIntervalInSeconds(), server.getFirstHeartbeat(),
                server.getLastHeartbeat(), server.getProcessCpuLoad(), server.getProcessMaxMemory(),
                server.getProcessFreeMemory(), server.getProcessAllocatedMemory());
    }

    /** A job by the id the API answered with when it queued it (an enrolment, a reprocess). */
    @GetMapping("/jobs/{id}")
    JobStatus job(@PathVariable String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'id' must be a job id (a UUID), not '" + id + "'");
        }
        Job job;
        try {
            job = storage.getJobById(uuid);
        } catch (JobNotFoundException e) {
            throw ApiException.notFound("No job with id " + id);
        }
        JobDashboardProgressBar progress = JobDashboardProgressBar.get(job);
        String error = job.getJobState() instanceof FailedState failed ? failed.getExceptionMessage() : null;
        return new JobStatus(id, job.getJobName(), job.getState().name(),
                progress == null ? null : progress.getProgressAsPercentage(), error, job.getUpdatedAt());
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }
}
