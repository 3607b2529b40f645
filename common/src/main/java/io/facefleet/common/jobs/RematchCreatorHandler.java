package io.facefleet.common.jobs;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Implemented by the workers; the scheduler only names it. */
public interface RematchCreatorHandler extends JobRequestHandler<RematchCreatorRequest> {

    /**
     * JobRunr looks this method up on the interface and refuses an abstract one; the worker's implementation
     * overrides it, and only a worker runs jobs. JobRunr also reads {@code @Job} (name, retries) from here, the
     * class the job names, when the job is created: on the implementation it would be ignored.
     */
    @Override
    @Job(name = "Rematch faces for %0", retries = 5)
    default void run(RematchCreatorRequest request) throws Exception {
        throw new IllegalStateException("Only a Facefleet worker runs " + request);
    }
}
