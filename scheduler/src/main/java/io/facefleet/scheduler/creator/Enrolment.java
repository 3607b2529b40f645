package io.facefleet.scheduler.creator;

import java.util.List;
import java.util.UUID;

/** The stored creator and photos, and the JobRunr job that will enrol them. */
public record Enrolment(long creatorId, String name, List<Long> photoIds, UUID enrolmentJobId) {
}
