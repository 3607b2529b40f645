package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Re-embed a video's face tracks with the pack of the change under way (docs/model-pack-change.md).
 *
 * @param pack the pack as workers load it (a built-in name or a folder)
 */
public record ReembedVideoRequest(long videoId, String pack) implements JobRequest {

    @Override
    public String toString() {
        return "video " + videoId + " with " + pack;
    }

    @Override
    public Class<ReembedVideoHandler> getJobRequestHandler() {
        return ReembedVideoHandler.class;
    }
}
