package io.facefleet.common.store.read;

import io.facefleet.common.store.Candidate;

import java.util.List;

/**
 * A face track waiting for review.
 *
 * @param frameTimestamp the time of its best face, whose box, score and crop it shows
 * @param bbox           x1, y1, x2, y2 in the frame's pixels
 * @param current        the creator it was matched to, and how closely
 * @param candidates     the nearest creators, best first, leaving out those rejected for this face
 * @param sightings      how many sampled frames the track was seen in, from {@code firstSeenSeconds} to
 *                       {@code lastSeenSeconds}
 */
public record ReviewItem(long trackId, long videoId, String videoPath, double frameTimestamp, float[] bbox,
                         float detScore, Candidate current, List<Candidate> candidates, double firstSeenSeconds,
                         double lastSeenSeconds, int sightings) {
}
