package io.facefleet.common.store;

/** The creator whose enrolled face is nearest to a face, and how similar they are (cosine). */
public record CreatorMatch(long creatorId, float similarity) {
}
