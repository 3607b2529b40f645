package io.facefleet.common.jobs;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Implemented by the workers; the scheduler only names it. */
public interface ProcessVideoHandler extends JobRequestHandler<ProcessVideoRequest> {

    /**
     * JobRunr looks this method up on the interface and refuses an abstract one; the worker's implementation
     * overrides it, and only a worker runs jobs. JobRunr also reads {@code @Job} (name, retries) from here, the
     * class the job names, when the job is created: on the implementation it would be ignored.
     */
    @Override
    @Job(name = "Process %0", retries = 3)
    default void run(ProcessVideoRequest request) throws Exception {
        throw new IllegalStateException("Only a Facefleet worker runs " + request);
    }
}
