package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Match pending and unmatched faces against a creator's embeddings, one rematch at a time across the fleet.
 *
 * @param name the creator's name, for the job's name on JobRunr's dashboard (null in jobs queued before it was carried)
 */
public record RematchCreatorRequest(long creatorId, String name) implements JobRequest {

    public RematchCreatorRequest(long creatorId) {
        this(creatorId, null);
    }

    /** The job's %0 on JobRunr's dashboard: "Barack Obama (creator 3)" rather than the record's fields. */
    @Override
    public String toString() {
        return name == null ? "creator " + creatorId : name + " (creator " + creatorId + ")";
    }

    @Override
    public Class<RematchCreatorHandler> getJobRequestHandler() {
        return RematchCreatorHandler.class;
    }
}
