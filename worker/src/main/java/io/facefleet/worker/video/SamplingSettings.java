package io.facefleet.worker.video;

/**
 * How densely to sample a video: a frame every {@code intervalSeconds}, but at least {@code minFrames} (spread evenly
 * over a short clip) and at most {@code maxFrames} (the interval widens evenly over a long video).
 */
public record SamplingSettings(double intervalSeconds, int minFrames, int maxFrames) {

    public static final SamplingSettings DEFAULTS = new SamplingSettings(2.0, 8, 3600);

    public SamplingSettings {
        if (!(intervalSeconds > 0) || Double.isInfinite(intervalSeconds)) {
            throw new IllegalArgumentException("The sampling interval must be a positive number of seconds, not "
                    + intervalSeconds);
        }
        if (minFrames < 1) {
            throw new IllegalArgumentException("At least one frame must be sampled per video (min frames " + minFrames
                    + ")");
        }
        if (maxFrames < minFrames) {
            throw new IllegalArgumentException("The most frames per video (" + maxFrames
                    + ") must not be fewer than the fewest (" + minFrames + ")");
        }
    }

    /** The old fixed count: {@code count} frames spread evenly, whatever the duration. */
    public static SamplingSettings evenly(int count) {
        return new SamplingSettings(Double.MAX_VALUE, count, count);
    }
}
