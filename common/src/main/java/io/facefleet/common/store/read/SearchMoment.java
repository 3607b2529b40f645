package io.facefleet.common.store.read;

/**
 * A face track found by a search by photo: when it is on screen, how near the photo's face it is, and who it is
 * matched to if anyone. Its crop is {@code GET /api/tracks/{track_id}/crop.jpg}.
 *
 * @param bestFaceSeconds the time of the track's best face (its crop)
 * @param creatorId       the creator it is matched to (matched, confirmed) or proposed for (pending); null otherwise
 * @param unknownPersonId the unknown person (cluster) it belongs to, if it is unmatched and clustered
 */
public record SearchMoment(long trackId, double firstSeenSeconds, double lastSeenSeconds, double bestFaceSeconds,
                           float similarity, String status, Long creatorId, String creatorName, Long unknownPersonId,
                           String cropUrl) {
}
