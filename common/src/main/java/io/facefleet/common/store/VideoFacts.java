package io.facefleet.common.store;

/** What probing the file told about the video. */
public record VideoFacts(double durationSeconds, double fps, int width, int height) {
}
