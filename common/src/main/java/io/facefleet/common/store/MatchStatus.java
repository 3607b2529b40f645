package io.facefleet.common.store;

import java.util.Locale;

/** Where a detected face stands: tagged, waiting for review, too far from everyone, or decided by a person. */
public enum MatchStatus {
    MATCHED, PENDING, UNMATCHED, CONFIRMED, REJECTED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MatchStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
