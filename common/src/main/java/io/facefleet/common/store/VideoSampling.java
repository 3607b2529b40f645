package io.facefleet.common.store;

/**
 * How a run sampled its video.
 *
 * @param intervalSeconds          the interval actually used: the configured one, widened for very long videos or
 *                                 narrowed for short clips
 * @param framesDecoded            frames the decoder produced, sampled or not
 * @param keyframeIntervalSeconds  mean time between keyframes, null if unknown
 * @param partialReason            why the file was not read to its end (cut short, damaged); null when it was
 */
public record VideoSampling(double intervalSeconds, int framesSampled, int framesDecoded,
                            Double keyframeIntervalSeconds, String partialReason) {

}
