package io.facefleet.common.store;

/** A photo uploaded for a creator; {@code status} is pending until a worker has enrolled it (or found no face). */
public record CreatorPhoto(long id, long creatorId, String fileName, String status, String error) {
}
