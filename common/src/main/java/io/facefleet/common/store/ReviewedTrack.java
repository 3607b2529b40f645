package io.facefleet.common.store;

/**
 * A face track as a reviewer decides on it: where it stands and what joins the creator's faces when confirmed.
 *
 * @param videoPath the video's file, recorded as the source of a confirmed face
 * @param cropJpeg  its best face's crop, which goes with it into the creator's faces; null where none was made
 */
public record ReviewedTrack(long id, long videoId, String videoPath, MatchStatus status, Long creatorId,
                            Float confidence, float[] embedding, float[] bbox, float detScore, byte[] cropJpeg) {
}
