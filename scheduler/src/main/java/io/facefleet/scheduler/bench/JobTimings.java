package io.facefleet.scheduler.bench;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.jobs.states.SucceededState;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What JobRunr recorded for the succeeded jobs of one kind: how long each waited between being enqueued and
 * starting (latency) and how long it ran (process), from their SUCCEEDED state; and when the first was created.
 */
record JobTimings(List<Duration> latencies, List<Duration> processing, Instant firstCreated) {

    static JobTimings read(StorageProvider jobs, String jobSignaturePrefix) {
        int succeeded = (int) Math.min(Integer.MAX_VALUE, jobs.countJobs(StateName.SUCCEEDED));
        List<Job> own = jobs.getJobList(StateName.SUCCEEDED, new AmountRequest("updatedAt:ASC", Math.max(1, succeeded)))
                .stream().filter(job -> job.getJobSignature().startsWith(jobSignaturePrefix)).toList();
        List<SucceededState> states = own.stream().map(job -> job.<SucceededState>getJobState()).toList();
        return new JobTimings(states.stream().map(SucceededState::getLatencyDuration).toList(),
                states.stream().map(SucceededState::getProcessDuration).toList(),
                own.stream().map(Job::getCreatedAt).min(Instant::compareTo).orElse(null));
    }

    static double meanSeconds(List<Duration> durations) {
        return durations.stream().mapToDouble(d -> d.toNanos() / 1e9).average().orElse(Double.NaN);
    }
}
