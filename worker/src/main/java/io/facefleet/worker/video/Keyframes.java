package io.facefleet.worker.video;

import java.util.Arrays;

/**
 * Where a video's keyframes are, in seconds from its start, with the stream timestamps to seek to them: read from
 * the demuxer's index (MP4, MKV) before any packet, or learned while reading (then nothing can be sought to).
 */
final class Keyframes {

    private double[] seconds;
    private long[] timestamps;
    private int count;
    private final boolean indexed;

    private Keyframes(double[] seconds, long[] timestamps, int count, boolean indexed) {
        this.seconds = seconds;
        this.timestamps = timestamps;
        this.count = count;
        this.indexed = indexed;
    }

    /** From a demuxer's index: ascending, keyframes only. */
    static Keyframes indexed(double[] seconds, long[] timestamps) {
        return new Keyframes(seconds.clone(), timestamps.clone(), seconds.length, true);
    }

    static Keyframes learning() {
        return new Keyframes(new double[64], new long[64], 0, false);
    }

    /** Whether they came from the demuxer's index, so that all are known in advance and can be sought to. */
    boolean indexed() {
        return indexed;
    }

    /** A keyframe read at {@code at} seconds (stream timestamp {@code timestamp}); ignored if not after the last. */
    void learn(double at, long timestamp) {
        if (count > 0 && at <= seconds[count - 1]) {
            return;
        }
        if (count == seconds.length) {
            seconds = Arrays.copyOf(seconds, count * 2);
            timestamps = Arrays.copyOf(timestamps, count * 2);
        }
        seconds[count] = at;
        timestamps[count] = timestamp;
        count++;
    }

    int count() {
        return count;
    }

    double seconds(int i) {
        return seconds[i];
    }

    long timestamp(int i) {
        return timestamps[i];
    }

    /** The mean gap between keyframes; null with fewer than two. */
    Double meanGapSeconds() {
        return count < 2 ? null : (seconds[count - 1] - seconds[0]) / (count - 1);
    }

    /** The longest gap between consecutive keyframes; 0 with fewer than two. */
    double maxGapSeconds() {
        double max = 0;
        for (int i = 1; i < count; i++) {
            max = Math.max(max, seconds[i] - seconds[i - 1]);
        }
        return max;
    }

    /** The longer of the stretches before the first keyframe and after the last, in a video of that duration. */
    double edgeGapSeconds(double durationSeconds) {
        return count == 0 ? durationSeconds : Math.max(seconds[0], durationSeconds - seconds[count - 1]);
    }

    /** The index of the last keyframe at or before {@code at}, or -1. */
    int before(double at) {
        int found = Arrays.binarySearch(seconds, 0, count, at);
        return found >= 0 ? found : -found - 2;
    }
}
