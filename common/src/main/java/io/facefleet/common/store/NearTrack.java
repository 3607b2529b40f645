package io.facefleet.common.store;

/**
 * A stored face track near an embedding, with where it stands and its best face's detection score: a search by
 * photo, the unknown people.
 */
public record NearTrack(long trackId, long videoId, float similarity, MatchStatus status, float detScore) {
}
