package io.facefleet.common.jobs;

import io.facefleet.common.store.PackChange;
import io.facefleet.common.store.PackChangeStore;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * Queues the re-embedding jobs of a pack change: one per video, one per creator. A job re-embeds only what is not
 * staged yet, so a job queued twice does the work once, and queueing again picks up what is missing (tracks of a
 * video processed since, a job that failed for good).
 */
@Component
public class ReembedQueue {

    private final JobRequestScheduler jobs;
    private final PackChangeStore changes;

    public ReembedQueue(JobRequestScheduler jobs, PackChangeStore changes) {
        this.jobs = jobs;
        this.changes = changes;
    }

    public void videos(PackChange change, Collection<Long> videoIds) {
        for (long videoId : videoIds) {
            jobs.enqueue(new ReembedVideoRequest(videoId, change.loadAs()));
        }
    }

    public void creators(PackChange change, Collection<Long> creatorIds) {
        for (long creatorId : creatorIds) {
            jobs.enqueue(new ReembedCreatorRequest(creatorId, change.loadAs()));
        }
    }

    /** After a video was processed or a creator enrolled: where a change is under way, their new rows too. */
    public void videoIfChanging(long videoId) {
        changes.open().ifPresent(change -> jobs.enqueue(new ReembedVideoRequest(videoId, change.loadAs())));
    }

    public void creatorIfChanging(long creatorId) {
        changes.open().ifPresent(change -> jobs.enqueue(new ReembedCreatorRequest(creatorId, change.loadAs())));
    }

}
