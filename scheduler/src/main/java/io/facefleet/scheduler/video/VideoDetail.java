package io.facefleet.scheduler.video;

import io.facefleet.common.store.Video;

import java.time.Instant;
import java.util.List;

/** A video with every face found in it and its tags. */
public record VideoDetail(long id, String path, String status, long sizeBytes, Instant mtime, Double durationSeconds,
                          Double fps, Integer width, Integer height, String error, int attempts, Instant processedAt,
                          List<Face> detections, List<VideoTag> tags) {

    /**
     * One face.
     *
     * @param bbox            x1, y1, x2, y2 in the frame's pixels
     * @param matchStatus     matched, pending (waits for review), unmatched, confirmed or rejected
     * @param matchConfidence similarity to the matched creator
     */
    public record Face(long id, double frameTimestamp, float[] bbox, float detScore, String matchStatus,
                       Long matchedCreatorId, String matchedCreatorName, Float matchConfidence) {
    }

    static VideoDetail of(Video video, List<Face> detections, List<VideoTag> tags) {
        return new VideoDetail(video.id(), video.path(), video.status().db(), video.sizeBytes(), video.mtime(),
                video.durationSeconds(), video.fps(), video.width(), video.height(), video.error(), video.attempts(),
                video.processedAt(), detections, tags);
    }
}
