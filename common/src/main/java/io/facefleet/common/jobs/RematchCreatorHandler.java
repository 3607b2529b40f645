package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Implemented by the workers; the scheduler only names it. */
public interface RematchCreatorHandler extends JobRequestHandler<RematchCreatorRequest> {

    /**
     * JobRunr looks this method up on the interface and refuses an abstract one; the worker's implementation
     * overrides it, and only a worker runs jobs.
     */
    @Override
    default void run(RematchCreatorRequest request) throws Exception {
        throw new IllegalStateException("Only a Facefleet worker runs " + request);
    }
}
