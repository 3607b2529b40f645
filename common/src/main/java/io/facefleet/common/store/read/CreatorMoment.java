package io.facefleet.common.store.read;

/**
 * A moment a creator is seen in a video: one face track matched, confirmed or waiting for review as them.
 *
 * @param frameTimestamp the time of the track's best face (its crop)
 * @param matchStatus    matched, confirmed or pending
 * @param confidence     the track's similarity to the creator
 * @param sightings      how many sampled frames it was seen in, from {@code firstSeenSeconds} to
 *                       {@code lastSeenSeconds}
 */
public record CreatorMoment(long videoId, String videoPath, long trackId, double frameTimestamp, String matchStatus,
                            Float confidence, double firstSeenSeconds, double lastSeenSeconds, int sightings) {
}
