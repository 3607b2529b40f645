package io.facefleet.scheduler.library;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a scan found.
 *
 * @param newVideos files seen for the first time
 * @param changed   files whose size or time changed, or that came back after going missing
 * @param unchanged files as they were
 * @param missing   known videos whose files are gone
 */
public record ScanCounts(@JsonProperty("new") int newVideos, int changed, int unchanged, int missing) {

    public static final ScanCounts NONE = new ScanCounts(0, 0, 0, 0);

    public ScanCounts plus(ScanCounts other) {
        return new ScanCounts(newVideos + other.newVideos, changed + other.changed, unchanged + other.unchanged,
                missing + other.missing);
    }
}
