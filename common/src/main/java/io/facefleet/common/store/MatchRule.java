package io.facefleet.common.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides a face track's match status from its similarity (cosine) to its best creator: at or above the auto-tag
 * threshold it is matched (it tags its video), at or above the match threshold it waits for review, below it is
 * unmatched. The stores' SQL takes the thresholds and the status sets from here as parameters.
 */
public record MatchRule(float matchThreshold, float autoTagThreshold) {

    /** No person has decided on these: matching and rematches may change them. */
    public static final List<MatchStatus> UNDECIDED = List.of(MatchStatus.MATCHED, MatchStatus.PENDING,
            MatchStatus.UNMATCHED);
    /** These name their creator in the video: its tags and time on screen come from them. */
    public static final List<MatchStatus> NAMING = List.of(MatchStatus.MATCHED, MatchStatus.CONFIRMED);

    public MatchStatus statusFor(float similarity) {
        if (similarity >= autoTagThreshold) {
            return MatchStatus.MATCHED;
        }
        return isCandidate(similarity) ? MatchStatus.PENDING : MatchStatus.UNMATCHED;
    }

    /** Close enough to the creator to be matched to them at all (tagged or waiting for review). */
    public boolean isCandidate(float similarity) {
        return similarity >= matchThreshold;
    }

    /** The widest cosine distance of a candidate: the searches' bound. */
    public float maxDistance() {
        return 1 - matchThreshold;
    }

    /** The statuses as a text[] literal, for {@code match_status = ANY(CAST(? AS text[]))}. */
    public static String db(List<MatchStatus> statuses) {
        return statuses.stream().map(MatchStatus::db).collect(Collectors.joining(",", "{", "}"));
    }
}
