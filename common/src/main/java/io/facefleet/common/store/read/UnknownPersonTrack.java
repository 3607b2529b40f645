package io.facefleet.common.store.read;

/** One face track of an unknown person: where and when, its crop at {@code cropUrl}. */
public record UnknownPersonTrack(long trackId, long videoId, String path, double firstSeenSeconds,
                                 double lastSeenSeconds, float detScore, String cropUrl) {
}
