package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Embed the most prominent face of a search photo (a row of photo_searches) for a search by photo. */
public record SearchPhotoRequest(long searchId) implements JobRequest {

    @Override
    public String toString() {
        return "search " + searchId;
    }

    @Override
    public Class<SearchPhotoHandler> getJobRequestHandler() {
        return SearchPhotoHandler.class;
    }
}
