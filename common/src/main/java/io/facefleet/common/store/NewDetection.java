package io.facefleet.common.store;

/** A face found in a video frame, matched against the creators, ready to be stored. */
public record NewDetection(double frameTimestamp, float[] embedding, float[] bbox, float detScore, float[] landmarks,
                           Long creatorId, Float confidence, MatchStatus status) {
}
