package io.facefleet.scheduler.video;

import java.time.Instant;
import java.util.List;

/** A video in the list, with how many faces it has, how many wait for review, and its tags. */
public record VideoSummary(long id, String path, String status, long sizeBytes, Instant mtime,
                           Double durationSeconds, String error, int attempts, Instant processedAt, int faceCount,
                           int pendingFaceCount, List<VideoTag> tags) {

    VideoSummary withTags(List<VideoTag> videoTags) {
        return new VideoSummary(id, path, status, sizeBytes, mtime, durationSeconds, error, attempts, processedAt,
                faceCount, pendingFaceCount, videoTags);
    }
}
