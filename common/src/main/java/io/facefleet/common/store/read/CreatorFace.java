package io.facefleet.common.store.read;

import java.time.Instant;

/**
 * One of a creator's enrolled faces (an embedding the matching compares against).
 *
 * @param sourceType  photo (an uploaded photo) or confirmed_track (a video face a reviewer confirmed)
 * @param sourcePath  the photo's file name, or the video's path
 * @param hasCrop     whether {@code GET /api/creators/{creator_id}/faces/{id}/crop.jpg} has a picture
 */
public record CreatorFace(long id, long creatorId, String sourceType, String sourcePath, Long photoId,
                          Long trackId, Float qualityScore, boolean hasCrop, Instant createdAt) {
}
