package io.facefleet.common.store.read;


import java.util.List;

/**
 * Who is on screen when in a video: each named creator's intervals (from their matched and confirmed face tracks,
 * overlapping ones merged), ordered by first appearance, and every other track in time order.
 *
 * @param sampleIntervalSeconds the interval the video was sampled at; null when unknown
 * @param partialReason         why the file was not read to its end; null when it was
 */
public record VideoTimeline(long videoId, Double durationSeconds, Double sampleIntervalSeconds, String partialReason,
                            List<Person> people, List<Unnamed> unnamed) {

    /**
     * @param source          auto or manual (a creator also tagged by hand)
     * @param confidence      the tag's confidence: the best track's similarity
     * @param onScreenSeconds the total length of {@code intervals}
     * @param cropTrackId the best track, whose crop is at /api/tracks/{id}/crop.jpg
     */
    public record Person(long creatorId, String name, String source, Float confidence, double onScreenSeconds,
                         long cropTrackId, List<OnScreenInterval> intervals) {
    }

    /**
     * A face track nobody is named for yet.
     *
     * @param status             pending (a candidate waits for review) or unmatched
     * @param candidateCreatorId the creator it may be, with {@code similarity}; null if none
     * @param sightings          how many sampled frames it was seen in
     */
    public record Unnamed(long trackId, String status, Long candidateCreatorId, String candidateName,
                          Float similarity, double startSeconds, double endSeconds, int sightings) {
    }
}
