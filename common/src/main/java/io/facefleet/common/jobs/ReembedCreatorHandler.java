package io.facefleet.common.jobs;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Implemented by the workers; the scheduler only names it (see {@link RematchCreatorHandler} on the default). */
public interface ReembedCreatorHandler extends JobRequestHandler<ReembedCreatorRequest> {

    @Override
    @Job(name = "Re-embed the faces of %0", retries = 5)
    default void run(ReembedCreatorRequest request) throws Exception {
        throw new IllegalStateException("Only a Facefleet worker runs " + request);
    }
}
