package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Match pending and unmatched faces against a creator's embeddings, one rematch at a time across the fleet. */
public record RematchCreatorRequest(long creatorId) implements JobRequest {

    @Override
    public Class<RematchCreatorHandler> getJobRequestHandler() {
        return RematchCreatorHandler.class;
    }
}
