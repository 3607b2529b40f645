package io.facefleet.worker.tracking;

import java.util.List;

/**
 * A face followed through a video, ready to be matched: every sighting's time and box, its best sighting and that
 * face's crop, and its template — the L2-normalised mean of the embeddings of its best faces that agree with the
 * best one. One blurred frame cannot outvote the others, and one face seen well names the whole track.
 *
 * @param cropJpeg       a small JPEG of the best face for the dashboard, or null
 * @param embeddedFaces  how many of its faces went into the template
 */
public record VideoFaceTrack(List<FaceSighting> sightings, FaceSighting best, byte[] cropJpeg, float[] embedding,
                             int embeddedFaces) {

    public double firstSeconds() {
        return sightings.getFirst().timestampSeconds();
    }

    public double lastSeconds() {
        return sightings.getLast().timestampSeconds();
    }
}
