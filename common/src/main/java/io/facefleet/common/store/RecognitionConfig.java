package io.facefleet.common.store;

/**
 * The settings users tune, one row in face_recognition_config.
 *
 * @param matchThreshold   a face at or above this similarity to a creator waits for review ("pending")
 * @param autoTagThreshold a face at or above this is "matched" and tags its video
 * @param framesPerVideo   frames sampled evenly across each video
 * @param minDetScore      faces the detector scores lower are ignored
 * @param minFaceSize      faces narrower than this many pixels are ignored (too small to recognise)
 */
public record RecognitionConfig(float matchThreshold, float autoTagThreshold, int framesPerVideo,
                                float minDetScore, int minFaceSize) {

    public RecognitionConfig {
        require(matchThreshold > -1 && matchThreshold < 1, "match_threshold must lie between -1 and 1");
        require(autoTagThreshold > -1 && autoTagThreshold < 1, "auto_tag_threshold must lie between -1 and 1");
        require(matchThreshold <= autoTagThreshold, "match_threshold must not exceed auto_tag_threshold");
        require(framesPerVideo >= 1 && framesPerVideo <= 1000, "frames_per_video must be between 1 and 1000");
        require(minDetScore >= 0 && minDetScore <= 1, "min_det_score must be between 0 and 1");
        require(minFaceSize >= 0, "min_face_size must not be negative");
    }

    /** The status a face gets at this similarity to its best creator. */
    public MatchStatus statusFor(float similarity) {
        if (similarity >= autoTagThreshold) {
            return MatchStatus.MATCHED;
        }
        return similarity >= matchThreshold ? MatchStatus.PENDING : MatchStatus.UNMATCHED;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
