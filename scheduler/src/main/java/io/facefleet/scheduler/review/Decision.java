package io.facefleet.scheduler.review;

import java.util.UUID;

/**
 * A face after a reviewer's decision.
 *
 * @param matchStatus  confirmed, or after a rejection pending (the next candidate) or unmatched
 * @param creatorId    the creator it is now matched to, if any
 * @param confidence   its similarity to that creator
 * @param rematchJobId the rematch a confirmation scheduled: the creator's new face may claim others
 */
public record Decision(long trackId, long videoId, String matchStatus, Long creatorId, Float confidence,
                       UUID rematchJobId) {

    Decision withRematch(UUID rematch) {
        return new Decision(trackId, videoId, matchStatus, creatorId, confidence, rematch);
    }
}
