package io.facefleet.common.jobs;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Implemented by the workers; see {@link EnrolCreatorHandler} for why the method has a body. One retry: the
 * scheduler waits for the answer only so long, and a photo that fails twice has a reason in photo_searches.
 */
public interface SearchPhotoHandler extends JobRequestHandler<SearchPhotoRequest> {

    @Override
    @Job(name = "Embed the face of photo %0", retries = 1)
    default void run(SearchPhotoRequest request) throws Exception {
        throw new IllegalStateException("Only a Facefleet worker runs " + request);
    }
}
