package io.facefleet.common.store.read;

import io.facefleet.common.store.Video;

import java.time.Instant;
import java.util.List;

/**
 * A video with every face track found in it, its tags and how its last run sampled it.
 *
 * @param sampleIntervalSeconds   seconds between sampled frames; null before a run, or when unknown
 * @param framesDecoded           frames the decoder produced, sampled or not
 * @param keyframeIntervalSeconds mean time between keyframes; null when unknown
 * @param partialReason           why the file could not be read to its end (its faces are those found before); null
 *                                when it was
 */
public record VideoDetail(long id, String path, String status, long sizeBytes, Instant mtime, Double durationSeconds,
                          Double fps, Integer width, Integer height, String error, int attempts, Instant processedAt,
                          Double sampleIntervalSeconds, Integer framesSampled, Integer framesDecoded,
                          Double keyframeIntervalSeconds, String partialReason, List<Face> faceTracks,
                          List<VideoTag> tags) {

    /**
     * One face track: a face followed across sampled frames.
     *
     * @param frameTimestamp  the time of its best face, whose box, score and crop it shows
     * @param bbox            x1, y1, x2, y2 in the frame's pixels
     * @param matchStatus     matched, pending (waits for review), unmatched, confirmed or rejected
     * @param matchConfidence similarity to the matched creator
     * @param sightings       how many sampled frames it was seen in, from {@code firstSeenSeconds} to
     *                        {@code lastSeenSeconds}
     */
    public record Face(long id, double frameTimestamp, float[] bbox, float detScore, String matchStatus,
                       Long matchedCreatorId, String matchedCreatorName, Float matchConfidence,
                       double firstSeenSeconds, double lastSeenSeconds, int sightings) {
    }

    /** How the last run sampled the video; all null before one. */
    public record Sampling(Double intervalSeconds, Integer framesSampled, Integer framesDecoded,
                    Double keyframeIntervalSeconds, String partialReason) {
    }

    public static VideoDetail of(Video video, Sampling sampling, List<Face> faceTracks, List<VideoTag> tags) {
        return new VideoDetail(video.id(), video.path(), video.status().db(), video.sizeBytes(), video.mtime(),
                video.durationSeconds(), video.fps(), video.width(), video.height(), video.error(), video.attempts(),
                video.processedAt(), sampling.intervalSeconds(), sampling.framesSampled(), sampling.framesDecoded(),
                sampling.keyframeIntervalSeconds(), sampling.partialReason(), faceTracks, tags);
    }
}
