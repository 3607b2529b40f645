package io.facefleet.common.jobs;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Implemented by the workers; see {@link EnrolCreatorHandler} for why the method has a body. */
public interface ClusterUnknownFacesHandler extends JobRequestHandler<ClusterUnknownFacesRequest> {

    @Override
    @Job(name = "Group the unknown faces of %0", retries = 5)
    default void run(ClusterUnknownFacesRequest request) throws Exception {
        throw new IllegalStateException("Only a Facefleet worker runs " + request);
    }
}
