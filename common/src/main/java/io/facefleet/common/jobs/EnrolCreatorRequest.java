package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Embed the best face of each of a creator's photos not enrolled yet, then rematch pending faces.
 *
 * @param name the creator's name, for the job's name on JobRunr's dashboard (null in jobs queued before it was carried)
 */
public record EnrolCreatorRequest(long creatorId, String name) implements JobRequest {

    public EnrolCreatorRequest(long creatorId) {
        this(creatorId, null);
    }

    /** The job's %0 on JobRunr's dashboard: "Barack Obama (creator 3)" rather than the record's fields. */
    @Override
    public String toString() {
        return name == null ? "creator " + creatorId : name + " (creator " + creatorId + ")";
    }

    @Override
    public Class<EnrolCreatorHandler> getJobRequestHandler() {
        return EnrolCreatorHandler.class;
    }
}
