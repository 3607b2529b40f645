package io.facefleet.scheduler.fleet;

import java.time.Instant;

/**
 * One JobRunr job, as far as the dashboard follows it (an enrolment until its photos are done, say).
 *
 * @param state    AWAITING, SCHEDULED, ENQUEUED, PROCESSING, FAILED, SUCCEEDED or DELETED
 * @param progress percent done where the job reports progress, else null
 * @param error    why it failed, when it has
 */
public record JobStatus(String id, String name, String state, Integer progress, String error, Instant updatedAt) {
}
