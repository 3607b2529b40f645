package io.facefleet.worker.video;

/** How densely to sample a video: every interval, at least minFrames (short clips), at most maxFrames (long ones). */
public record SamplingSettings(double intervalSeconds, int minFrames, int maxFrames) {

    public SamplingSettings {
        if (!(intervalSeconds > 0) || minFrames < 1 || maxFrames < minFrames) {
            throw new IllegalArgumentException("Sampling needs a positive interval and 1 <= min frames <= max frames");
        }
    }

    /** Evenly spread target times for a video of this duration. */
    public double[] targets(double durationSeconds) {
        int count = (int) Math.max(minFrames, Math.min(maxFrames, Math.floor(durationSeconds / intervalSeconds)));
        double[] targets = new double[count];
        for (int i = 0; i < count; i++) {
            targets[i] = durationSeconds * (i + 0.5) / count;
        }
        return targets;
    }
}
