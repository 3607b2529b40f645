package io.facefleet.worker.video;

/** What sampling a video cost and found. */
public record SamplingReport(VideoProbe probe, double intervalSeconds, int framesDecoded, int framesSampled,
                             Double keyframeIntervalSeconds, String mode, double cpuSeconds, double wallSeconds,
                             String partialReason) {
}
