package io.facefleet.common.jobs;

import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Implemented by the workers; the scheduler only names it. */
public interface RematchCreatorHandler extends JobRequestHandler<RematchCreatorRequest> {
}
