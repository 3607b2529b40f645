package io.facefleet.common.store;

/**
 * A creator's reference face the new pack has not embedded yet: from a photo ({@code photoId}) or a confirmed
 * track ({@code trackId}, whose new template it takes).
 */
public record CreatorFaceToReembed(long embeddingId, String sourceType, Long photoId, Long trackId, byte[] cropJpeg) {
}
