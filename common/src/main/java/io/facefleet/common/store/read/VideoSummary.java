package io.facefleet.common.store.read;

import java.time.Instant;
import java.util.List;

/**
 * A video in the list, with how many faces it has, how many wait for review, and its tags.
 *
 * @param sampleIntervalSeconds seconds between its sampled frames; null before a run, or when unknown
 */
public record VideoSummary(long id, String path, String status, long sizeBytes, Instant mtime,
                           Double durationSeconds, String error, int attempts, Instant processedAt, int trackCount,
                           int pendingTrackCount, Double sampleIntervalSeconds, List<VideoTag> tags) {

    VideoSummary withTags(List<VideoTag> videoTags) {
        return new VideoSummary(id, path, status, sizeBytes, mtime, durationSeconds, error, attempts, processedAt,
                trackCount, pendingTrackCount, sampleIntervalSeconds, videoTags);
    }
}
