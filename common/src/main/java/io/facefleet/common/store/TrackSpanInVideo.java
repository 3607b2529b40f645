package io.facefleet.common.store;

/** Where a face track is on screen: its video, its first and last sighting. */
public record TrackSpanInVideo(long videoId, double firstSeenSeconds, double lastSeenSeconds) {

    /** Both on screen at once in one video: two faces of one frame are two people. */
    public boolean onScreenWith(TrackSpanInVideo other) {
        return videoId == other.videoId && firstSeenSeconds <= other.lastSeenSeconds
                && other.firstSeenSeconds <= lastSeenSeconds;
    }
}
