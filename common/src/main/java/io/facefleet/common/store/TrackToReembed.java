package io.facefleet.common.store;

import java.util.List;

/**
 * A face track whose template the new pack has not made yet: where its face was at each sampled time.
 *
 * @param embeddedFaces how many faces its template was the mean of
 * @param cropJpeg      its best face's display crop, or null
 */
public record TrackToReembed(long trackId, int embeddedFaces, byte[] cropJpeg, List<Sighting> sightings) {

    /** @param bbox x1, y1, x2, y2 in the frame's pixels */
    public record Sighting(double seconds, float[] bbox) {
    }
}
