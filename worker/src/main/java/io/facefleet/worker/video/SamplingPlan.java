package io.facefleet.worker.video;

/**
 * The times to take frames at in a video of a given duration: the middle of every interval, or, where that gives
 * fewer than the minimum or more than the maximum, the middle of each n-th of the duration.
 */
public final class SamplingPlan {

    private final double intervalSeconds;
    private final double[] targetSeconds;

    private SamplingPlan(double intervalSeconds, double[] targetSeconds) {
        this.intervalSeconds = intervalSeconds;
        this.targetSeconds = targetSeconds;
    }

    public static SamplingPlan of(double durationSeconds, SamplingSettings settings) {
        if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("A video's duration must be a positive number of seconds, not "
                    + durationSeconds);
        }
        double interval = settings.intervalSeconds();
        long atInterval = 0;
        while (atInterval <= settings.maxFrames() && (atInterval + 0.5) * interval < durationSeconds) {
            atInterval++;
        }
        if (atInterval < settings.minFrames()) {
            return evenly(durationSeconds, settings.minFrames());
        }
        if (atInterval > settings.maxFrames()) {
            return evenly(durationSeconds, settings.maxFrames());
        }
        double[] targets = new double[(int) atInterval];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (i + 0.5) * interval;
        }
        return new SamplingPlan(interval, targets);
    }

    /**
     * Given times (in order, as stored for a video's sightings), for decoding the frames a video was sampled at
     * again; {@code intervalSeconds} is the spacing it was sampled with, which decides whether keyframes suffice.
     */
    public static SamplingPlan at(double intervalSeconds, double[] targetSeconds) {
        return new SamplingPlan(intervalSeconds, targetSeconds.clone());
    }

    private static SamplingPlan evenly(double durationSeconds, int count) {
        double[] targets = new double[count];
        for (int i = 0; i < count; i++) {
            targets[i] = durationSeconds * (i + 0.5) / count;
        }
        return new SamplingPlan(durationSeconds / count, targets);
    }

    /** The spacing of the targets: the configured interval, or the duration divided by the number of frames. */
    public double intervalSeconds() {
        return intervalSeconds;
    }

    public int size() {
        return targetSeconds.length;
    }

    public double target(int i) {
        return targetSeconds[i];
    }

    public double[] targetSeconds() {
        return targetSeconds.clone();
    }
}
