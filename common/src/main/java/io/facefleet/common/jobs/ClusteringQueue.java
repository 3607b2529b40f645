package io.facefleet.common.jobs;

import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Collection;
import java.util.List;

/**
 * Queues the placing of videos' unmatched face tracks among the unknown people: one
 * {@link ClusterUnknownFacesRequest} job per video, after a video is processed or when its tracks become unmatched
 * later (a reviewer rejects the only candidate, a creator is deleted).
 */
@Component
public class ClusteringQueue {

    private final JobRequestScheduler jobs;

    public ClusteringQueue(JobRequestScheduler jobs) {
        this.jobs = jobs;
    }

    /**
     * Once the current transaction commits (at once outside one): JobRunr stores its jobs through connections of
     * its own, so a job queued inside the transaction could run before the tracks it is for are unmatched.
     */
    public void afterCommit(Collection<Long> videoIds) {
        List<Long> videos = List.copyOf(videoIds);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            videos.forEach(this::now);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                videos.forEach(ClusteringQueue.this::now);
            }
        });
    }

    public void now(long videoId) {
        jobs.enqueue(new ClusterUnknownFacesRequest(videoId));
    }
}
