package io.facefleet.scheduler.creator;

import java.util.UUID;

/** A photo removed from a creator, and the job enrolling the photos still pending, if there were any. */
public record PhotoRemoval(long creatorId, long photoId, UUID enrolmentJobId) {
}
