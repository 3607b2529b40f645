package io.facefleet.common.store;

/** A stored face near a creator's embedding, found through the HNSW index. */
public record TrackCandidate(long trackId, long videoId, float similarity) {
}
