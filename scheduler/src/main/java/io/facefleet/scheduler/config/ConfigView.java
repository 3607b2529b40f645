package io.facefleet.scheduler.config;

import io.facefleet.common.store.RecognitionConfig;

/**
 * The recognition settings as the API shows them.
 *
 * @param framesPerVideo deprecated, read-only: the floor {@code min_frames_per_video}, for clients written when a
 *                       fixed number of frames was sampled per video
 */
record ConfigView(float matchThreshold, float autoTagThreshold, float sampleIntervalSeconds, int minFramesPerVideo,
                  int maxFramesPerVideo, float minDetScore, int minFaceSize, @Deprecated int framesPerVideo) {

    static ConfigView of(RecognitionConfig c) {
        return new ConfigView(c.matchThreshold(), c.autoTagThreshold(), c.sampleIntervalSeconds(),
                c.minFramesPerVideo(), c.maxFramesPerVideo(), c.minDetScore(), c.minFaceSize(), c.minFramesPerVideo());
    }
}
