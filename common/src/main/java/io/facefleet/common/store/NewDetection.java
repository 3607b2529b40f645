package io.facefleet.common.store;

/**
 * A face found in a video frame, matched against the creators, ready to be stored.
 *
 * @param cropJpeg a small JPEG of the face for the dashboard; null where none was made
 */
public record NewDetection(double frameTimestamp, float[] embedding, float[] bbox, float detScore, float[] landmarks,
                           Long creatorId, Float confidence, MatchStatus status, byte[] cropJpeg) {

    public NewDetection(double frameTimestamp, float[] embedding, float[] bbox, float detScore, float[] landmarks,
                        Long creatorId, Float confidence, MatchStatus status) {
        this(frameTimestamp, embedding, bbox, detScore, landmarks, creatorId, confidence, status, null);
    }
}
