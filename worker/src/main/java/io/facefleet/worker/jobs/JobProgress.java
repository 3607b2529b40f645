package io.facefleet.worker.jobs;

import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.context.JobDashboardProgressBar;

/** A job's progress bar on the JobRunr dashboard; does nothing when the handler runs outside JobRunr. */
final class JobProgress {

    private final JobDashboardProgressBar bar;

    private JobProgress(JobDashboardProgressBar bar) {
        this.bar = bar;
    }

    static JobProgress of(JobContext context, long total) {
        return new JobProgress(context == null ? null : context.progressBar(Math.max(1, total)));
    }

    void set(long done) {
        if (bar != null) {
            bar.setProgress(done);
        }
    }
}
