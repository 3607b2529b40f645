package io.facefleet.common.store.read;

/**
 * A creator a video is tagged with.
 *
 * @param source           auto (from matched and confirmed faces) or manual
 * @param confidence       the best face's similarity to the creator
 * @param firstSeenSeconds where in the video the creator is first seen
 * @param onScreenSeconds  how long the creator's matched and confirmed face tracks are on screen in all; null for a
 *                         tag made by hand
 */
public record VideoTag(long creatorId, String name, String source, Float confidence, Double firstSeenSeconds,
                       Double onScreenSeconds) {
}
