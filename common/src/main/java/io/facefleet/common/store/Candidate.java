package io.facefleet.common.store;

/** A creator a face may be, and the face's similarity (cosine) to that creator's nearest enrolled face. */
public record Candidate(long creatorId, String name, float similarity) {
}
