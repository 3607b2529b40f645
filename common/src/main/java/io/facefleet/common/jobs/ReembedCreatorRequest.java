package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Re-embed a creator's reference faces with the pack of the change under way (docs/model-pack-change.md).
 *
 * @param pack the pack as workers load it (a built-in name or a folder)
 */
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
