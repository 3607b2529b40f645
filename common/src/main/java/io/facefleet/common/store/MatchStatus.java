package io.facefleet.common.store;

import java.util.Locale;

/**
 * Where a face track stands: tagged, waiting for review, too far from everyone, or confirmed by a person. A person's
 * "not this one" is kept beside the track (track_rejections) and moves it to its next candidate.
 */
public enum MatchStatus {
    MATCHED, PENDING, UNMATCHED, CONFIRMED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MatchStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
