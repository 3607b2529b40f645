package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Re-embed a creator's reference faces with the pack of the change under way (docs/model-pack-change.md). */
public record ReembedCreatorRequest(long creatorId, String pack) implements JobRequest {

    @Override
    public String toString() {
        return "creator " + creatorId + " with " + pack;
    }

    @Override
    public Class<ReembedCreatorHandler> getJobRequestHandler() {
        return ReembedCreatorHandler.class;
    }
}
