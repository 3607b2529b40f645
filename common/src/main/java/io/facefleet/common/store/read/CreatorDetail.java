package io.facefleet.common.store.read;

import io.facefleet.common.store.CreatorPhoto;

import java.time.Instant;
import java.util.List;

/** A creator with their photos (pending, enrolled or no_face, and why) and the videos they are tagged in. */
public record CreatorDetail(long id, String name, Instant createdAt, int embeddingCount, List<Photo> photos,
                            List<TaggedVideo> videos) {

    public record Photo(long id, String fileName, String status, String error) {
        public static Photo of(CreatorPhoto photo) {
            return new Photo(photo.id(), photo.fileName(), photo.status(), photo.error());
        }
    }

    /**
     * @param source          auto (from matched and confirmed faces) or manual
     * @param confidence      the best face's similarity to the creator
     * @param firstSeenSeconds where in the video the creator is first seen
     * @param onScreenSeconds  the total length of {@code intervals}
     * @param intervals        when the creator's matched and confirmed face tracks are on screen, overlapping ones
     *                         merged; empty for a tag made by hand with no such track
     */
    public record TaggedVideo(long videoId, String path, String status, String source, Float confidence,
                              Double firstSeenSeconds, double onScreenSeconds, List<OnScreenInterval> intervals) {

        public TaggedVideo withIntervals(List<OnScreenInterval> onScreen) {
            return new TaggedVideo(videoId, path, status, source, confidence, firstSeenSeconds,
                    OnScreenIntervals.totalSeconds(onScreen), onScreen);
        }
    }
}
