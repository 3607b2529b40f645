package io.facefleet.scheduler.api;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;

/** Image answers for the dashboard. */
public final class Images {

    private Images() {
    }

    /**
     * A stored picture that never changes under its URL (a face crop belongs to one row, whose id is never reused;
     * reprocessing a video makes new rows): browsers may keep it for a year without asking again.
     */
    public static ResponseEntity<byte[]> immutable(byte[] bytes, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .body(bytes);
    }

    /** A face crop: a JPEG written by the worker. */
    public static ResponseEntity<byte[]> crop(byte[] jpeg) {
        return immutable(jpeg, MediaType.IMAGE_JPEG);
    }
}
