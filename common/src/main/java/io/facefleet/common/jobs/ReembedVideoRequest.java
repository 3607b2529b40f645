package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Re-embed a video's face tracks with the pack of the change under way (docs/model-pack-change.md). */
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
