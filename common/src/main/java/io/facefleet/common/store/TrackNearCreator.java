package io.facefleet.common.store;

/**
 * A stored face track as a rematch sees it: its best similarity (cosine) to the creator's enrolled faces, and
 * whether the rematch may give it to the creator (no person decided on it, and nobody ruled the creator out for it).
 */
public record TrackNearCreator(long trackId, long videoId, float similarity, boolean open) {

    public TrackCandidate candidate() {
        return new TrackCandidate(trackId, videoId, similarity);
    }
}
