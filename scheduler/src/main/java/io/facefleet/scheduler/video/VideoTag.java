package io.facefleet.scheduler.video;

/**
 * A creator a video is tagged with.
 *
 * @param source           auto (from matched and confirmed faces) or manual
 * @param confidence       the best face's similarity to the creator
 * @param firstSeenSeconds where in the video the creator is first seen
 */
public record VideoTag(long creatorId, String name, String source, Float confidence, Double firstSeenSeconds) {
}
