package io.facefleet.common.jobs;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Implemented by the workers; the scheduler only names it (see {@link RematchCreatorHandler} on the default). */
public interface ReembedVideoHandler extends JobRequestHandler<ReembedVideoRequest> {

    @Override
    @Job(name = "Re-embed %0", retries = 5)
    default void run(ReembedVideoRequest request) throws Exception {
        throw new IllegalStateException("Only a Facefleet worker runs " + request);
    }
}
