package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Sample a video's frames, find and match its faces, tag it. */
public record ProcessVideoRequest(long videoId) implements JobRequest {

    @Override
    public Class<ProcessVideoHandler> getJobRequestHandler() {
        return ProcessVideoHandler.class;
    }
}
