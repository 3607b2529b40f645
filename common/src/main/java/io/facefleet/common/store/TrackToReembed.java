package io.facefleet.common.store;

import java.util.List;

/** A face track whose template the new pack has not made yet: where its face was at each sampled time. */
public record TrackToReembed(long trackId, List<Sighting> sightings) {

    /** @param bbox x1, y1, x2, y2 in the frame's pixels */
    public record Sighting(double seconds, float[] bbox) {
    }
}
