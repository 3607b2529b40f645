package io.facefleet.scheduler.review;

import java.util.List;

/**
 * A face waiting for review.
 *
 * @param bbox       x1, y1, x2, y2 in the frame's pixels
 * @param current    the creator it was matched to, and how closely
 * @param candidates the nearest creators, best first, leaving out those rejected for this face
 */
public record ReviewItem(long detectionId, long videoId, String videoPath, double frameTimestamp, float[] bbox,
                         float detScore, Candidate current, List<Candidate> candidates) {
}
