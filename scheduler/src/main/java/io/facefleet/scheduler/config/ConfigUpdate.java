package io.facefleet.scheduler.config;

import io.facefleet.common.store.RecognitionConfig;

/**
 * A change to the recognition settings; a field left out keeps its current value. {@code frames_per_video} is only
 * here to refuse it with a pointer to the settings that replaced it.
 */
record ConfigUpdate(Float matchThreshold, Float autoTagThreshold, Float sampleIntervalSeconds,
                    Integer minFramesPerVideo, Integer maxFramesPerVideo, Float minDetScore, Integer minFaceSize,
                    Integer framesPerVideo) {

    /** @throws IllegalArgumentException from {@link RecognitionConfig}'s checks */
    RecognitionConfig applyTo(RecognitionConfig current) {
        if (framesPerVideo != null) {
            throw new IllegalArgumentException("frames_per_video can no longer be set: frames are sampled by time."
                    + " Set sample_interval_seconds, with min_frames_per_video for short clips and"
                    + " max_frames_per_video for long videos");
        }
        return new RecognitionConfig(
                matchThreshold == null ? current.matchThreshold() : matchThreshold,
                autoTagThreshold == null ? current.autoTagThreshold() : autoTagThreshold,
                sampleIntervalSeconds == null ? current.sampleIntervalSeconds() : sampleIntervalSeconds,
                minFramesPerVideo == null ? current.minFramesPerVideo() : minFramesPerVideo,
                maxFramesPerVideo == null ? current.maxFramesPerVideo() : maxFramesPerVideo,
                minDetScore == null ? current.minDetScore() : minDetScore,
                minFaceSize == null ? current.minFaceSize() : minFaceSize);
    }
}
