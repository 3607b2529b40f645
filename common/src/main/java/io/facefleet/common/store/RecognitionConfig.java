package io.facefleet.common.store;

/**
 * The settings users tune, one row in face_recognition_config.
 *
 * @param matchThreshold        a face at or above this similarity to a creator waits for review ("pending")
 * @param autoTagThreshold      a face at or above this is "matched" and tags its video
 * @param sampleIntervalSeconds a frame is sampled every this many seconds of video
 * @param minFramesPerVideo     a clip too short for this many frames at the interval gets this many, spread evenly
 * @param maxFramesPerVideo     a video so long that the interval would give more frames gets this many, the
 *                              interval widened evenly
 * @param minDetScore           faces the detector scores lower are ignored
 * @param minFaceSize           faces narrower than this many pixels are ignored (too small to recognise)
 */
public record RecognitionConfig(float matchThreshold, float autoTagThreshold, float sampleIntervalSeconds,
                                int minFramesPerVideo, int maxFramesPerVideo, float minDetScore, int minFaceSize) {

    public static final float MIN_SAMPLE_INTERVAL = 0.1f;
    public static final float MAX_SAMPLE_INTERVAL = 3600f;
    public static final int MAX_MIN_FRAMES = 1000;
    public static final int MAX_MAX_FRAMES = 100_000;

    public RecognitionConfig {
        require(matchThreshold > -1 && matchThreshold < 1, "match_threshold must lie between -1 and 1");
        require(autoTagThreshold > -1 && autoTagThreshold < 1, "auto_tag_threshold must lie between -1 and 1");
        require(matchThreshold <= autoTagThreshold, "match_threshold must not exceed auto_tag_threshold");
        require(sampleIntervalSeconds >= MIN_SAMPLE_INTERVAL && sampleIntervalSeconds <= MAX_SAMPLE_INTERVAL,
                "sample_interval_seconds must be between " + MIN_SAMPLE_INTERVAL + " and " + (int) MAX_SAMPLE_INTERVAL);
        require(minFramesPerVideo >= 1 && minFramesPerVideo <= MAX_MIN_FRAMES,
                "min_frames_per_video must be between 1 and " + MAX_MIN_FRAMES);
        require(maxFramesPerVideo >= 1 && maxFramesPerVideo <= MAX_MAX_FRAMES,
                "max_frames_per_video must be between 1 and " + MAX_MAX_FRAMES);
        require(minFramesPerVideo <= maxFramesPerVideo, "min_frames_per_video must not exceed max_frames_per_video");
        require(minDetScore >= 0 && minDetScore <= 1, "min_det_score must be between 0 and 1");
        require(minFaceSize >= 0, "min_face_size must not be negative");
    }

    /** What the thresholds decide: a face's status at its similarity to its best creator. */
    public MatchRule matchRule() {
        return new MatchRule(matchThreshold, autoTagThreshold);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
