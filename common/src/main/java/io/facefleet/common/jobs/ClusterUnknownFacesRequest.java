package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Place the unmatched face tracks of a video just processed among the unknown people. */
public record ClusterUnknownFacesRequest(long videoId) implements JobRequest {

    @Override
    public String toString() {
        return "video " + videoId;
    }

    @Override
    public Class<ClusterUnknownFacesHandler> getJobRequestHandler() {
        return ClusterUnknownFacesHandler.class;
    }
}
