package io.facefleet.worker.video;

/**
 * What sampling a video did and cost.
 *
 * @param intervalSeconds          the spacing of the sampled times (the configured interval unless the minimum or
 *                                 maximum number of frames changed it)
 * @param framesDecoded            frames the decoder output
 * @param framesSampled            frames handed to the consumer
 * @param keyframeIntervalSeconds  the mean gap between keyframes; null where fewer than two were seen
 * @param mode                     which frames were decoded (the mode of most of the video)
 * @param cpuSeconds               CPU time of the sampling thread, not counting the consumer's; with more than
 *                                 one decoder thread, FFmpeg's own threads' time is not in it
 * @param wallSeconds              elapsed time, not counting the consumer's
 * @param partialReason            why the video could not be read to its end; null when it was
 */
public record SamplingReport(VideoProbe probe, double intervalSeconds, int framesDecoded, int framesSampled,
                             Double keyframeIntervalSeconds, DecodeMode mode, double cpuSeconds, double wallSeconds,
                             String partialReason) {

    public boolean partial() {
        return partialReason != null;
    }
}
