package io.facefleet.worker.video;

/** What a video file says about itself. */
public record VideoProbe(double durationSeconds, double fps, int width, int height) {
}
