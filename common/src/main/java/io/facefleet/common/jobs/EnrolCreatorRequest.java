package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Embed the best face of each of a creator's photos not enrolled yet, then rematch pending faces. */
public record EnrolCreatorRequest(long creatorId) implements JobRequest {

    @Override
    public Class<EnrolCreatorHandler> getJobRequestHandler() {
        return EnrolCreatorHandler.class;
    }
}
