package io.facefleet.worker.jobs;

import org.jobrunr.JobRunrException;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.context.JobDashboardProgressBar;

import java.util.function.Supplier;

/** A job's progress bar on the JobRunr dashboard; does nothing when the handler runs outside JobRunr. */
final class JobProgress {

    private final JobDashboardProgressBar bar;

    private JobProgress(JobDashboardProgressBar bar) {
        this.bar = bar;
    }

    static JobProgress of(Supplier<JobContext> context, long total) {
        try {
            return new JobProgress(context.get().progressBar(Math.max(1, total)));
        } catch (JobRunrException outsideOfAJob) {
            return new JobProgress(null);
        }
    }

    void set(long done) {
        if (bar != null) {
            bar.setProgress(done);
        }
    }
}
