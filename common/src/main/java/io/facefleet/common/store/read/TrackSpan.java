package io.facefleet.common.store.read;

/**
 * A face track's first and last sighting in its video.
 *
 * @param status the track's match status (matched, confirmed, pending, unmatched, rejected)
 */
public record TrackSpan(long trackId, double firstSeenSeconds, double lastSeenSeconds, String status) {
}
