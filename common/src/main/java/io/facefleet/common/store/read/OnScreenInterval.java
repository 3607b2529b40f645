package io.facefleet.common.store.read;

/**
 * A stretch of a video in which a face is on screen.
 *
 * @param trackId the track it comes from; of merged tracks, the longest
 * @param status      that track's match status
 */
public record OnScreenInterval(double startSeconds, double endSeconds, long trackId, String status) {

    public double lengthSeconds() {
        return endSeconds - startSeconds;
    }
}
