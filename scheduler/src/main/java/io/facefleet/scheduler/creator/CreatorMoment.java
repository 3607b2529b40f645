package io.facefleet.scheduler.creator;

/**
 * A moment a creator is seen in a video: one face matched, confirmed or waiting for review as them.
 *
 * @param matchStatus matched, confirmed or pending
 * @param confidence  the face's similarity to the creator
 */
public record CreatorMoment(long videoId, String videoPath, long detectionId, double frameTimestamp, String matchStatus,
                            Float confidence) {
}
