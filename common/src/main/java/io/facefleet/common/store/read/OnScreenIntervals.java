package io.facefleet.common.store.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When face tracks are on screen in one video. A track is seen only at sampled frames, so it stands for half a
 * sampling interval either side of its first and last sighting, within the video: [first - interval/2, last +
 * interval/2] clipped to [0, duration]. The same rule as the on-screen seconds of video_creators (TagStore).
 */
public final class OnScreenIntervals {

    private final double half;
    private final double duration;

    /**
     * @param sampleIntervalSeconds the interval the video was sampled at; null or 0 when unknown (a track is then
     *                              on screen from its first to its last sighting)
     * @param durationSeconds       the video's length; null when unknown (no upper bound)
     */
    public OnScreenIntervals(Double sampleIntervalSeconds, Double durationSeconds) {
        this.half = sampleIntervalSeconds == null || sampleIntervalSeconds < 0 ? 0 : sampleIntervalSeconds / 2;
        this.duration = durationSeconds == null ? Double.POSITIVE_INFINITY : durationSeconds;
    }

    public OnScreenInterval of(TrackSpan track) {
        double start = clip(track.firstSeenSeconds() - half);
        double end = Math.max(start, clip(track.lastSeenSeconds() + half));
        return new OnScreenInterval(rounded(start), rounded(end), track.trackId(), track.status());
    }

    /**
     * The tracks' intervals in time order, those that overlap or touch merged into one, which keeps the id and
     * status of its longest track (the earliest of equally long ones).
     */
    public List<OnScreenInterval> merged(List<TrackSpan> tracks) {
        List<OnScreenInterval> single = tracks.stream().map(this::of)
                .sorted(Comparator.comparingDouble(OnScreenInterval::startSeconds)
                        .thenComparingDouble(OnScreenInterval::endSeconds))
                .toList();
        List<OnScreenInterval> merged = new ArrayList<>();
        OnScreenInterval open = null;
        OnScreenInterval longest = null;
        for (OnScreenInterval next : single) {
            if (open != null && next.startSeconds() <= open.endSeconds()) {
                longest = next.lengthSeconds() > longest.lengthSeconds() ? next : longest;
                open = new OnScreenInterval(open.startSeconds(), Math.max(open.endSeconds(), next.endSeconds()),
                        longest.trackId(), longest.status());
            } else {
                if (open != null) {
                    merged.add(open);
                }
                open = next;
                longest = next;
            }
        }
        if (open != null) {
            merged.add(open);
        }
        return merged;
    }

    /** The seconds covered by intervals that do not overlap (as {@link #merged} gives them). */
    public static double totalSeconds(List<OnScreenInterval> intervals) {
        return rounded(intervals.stream().mapToDouble(OnScreenInterval::lengthSeconds).sum());
    }

    private double clip(double seconds) {
        return Math.min(duration, Math.max(0, seconds));
    }

    /** To the millisecond: sampling intervals such as 0.4 s would otherwise answer 301.00000000000006. */
    private static double rounded(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
