package io.facefleet.common.jobs;

import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoLifecycle;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Hands videos to the workers: one {@link ProcessVideoRequest} job each, and the video marked queued. */
@Component
public class VideoQueue {

    private final JobRequestScheduler jobs;
    private final VideoLifecycle lifecycle;

    public VideoQueue(JobRequestScheduler jobs, VideoLifecycle lifecycle) {
        this.jobs = jobs;
        this.lifecycle = lifecycle;
    }

    /**
     * Queues a video found new or changed. The job id is derived from what is to be done, so finding the same file
     * in the same state again (the next rescan, or the watcher and a rescan at once) adds no second job: JobRunr
     * skips an id it already holds.
     */
    public UUID enqueue(Video video) {
        return enqueue(video, jobId(video));
    }

    /** Processes a video again whatever was done before: a fresh job id. */
    public UUID reprocess(Video video) {
        return enqueue(video, UUID.randomUUID());
    }

    /**
     * The file's size and time say which content is to be processed. The number of runs so far is part of it too:
     * a file that went missing and came back unchanged after it was processed must get a new job, not the id of
     * the finished one (which JobRunr keeps for days and would skip).
     */
    static UUID jobId(Video video) {
        String work = "process-video:" + video.id() + ":" + video.sizeBytes() + ":" + video.mtime() + ":"
                + video.attempts();
        return UUID.nameUUIDFromBytes(work.getBytes(StandardCharsets.UTF_8));
    }

    /** Marked first: a worker may take the job and finish it before a later "queued" would land on "done". */
    private UUID enqueue(Video video, UUID jobId) {
        lifecycle.queued(video.id());
        jobs.enqueue(jobId, new ProcessVideoRequest(video.id(), video.path()));
        return jobId;
    }
}
