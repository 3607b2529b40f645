package io.facefleet.common.store;

import java.util.Locale;

public enum VideoStatus {
    NEW, QUEUED, PROCESSING, DONE, FAILED, MISSING;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VideoStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
