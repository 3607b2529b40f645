package io.facefleet.common.store;

/** A stored face track and its template as PostgreSQL sends a {@code halfvec} ({@code halfvec_send}). */
public record CandidateTrack(long trackId, long videoId, MatchStatus status, float detScore, byte[] templateSent) {
}
