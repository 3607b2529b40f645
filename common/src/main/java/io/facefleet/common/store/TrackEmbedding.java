package io.facefleet.common.store;

/** A face track's template embedding. */
public record TrackEmbedding(long trackId, float[] embedding) {
}
