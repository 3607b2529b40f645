package io.facefleet.common.store;

import java.util.List;

/**
 * A face track of a video — one person's face followed across sampled frames — matched against the creators,
 * ready to be stored as one row of face_tracks with its sightings.
 *
 * @param frameTimestamp the time of its best face, whose box, score, landmarks and crop it carries
 * @param embedding      its template: what matching, review and rematch compare
 * @param cropJpeg       a small JPEG of the best face for the dashboard; null where none was made
 * @param embeddedFaces  how many faces went into the template
 * @param sightings      every sampled face of the track, in time order
 */
public record NewFaceTrack(double frameTimestamp, float[] embedding, float[] bbox, float detScore, float[] landmarks,
                           Long creatorId, Float confidence, MatchStatus status, byte[] cropJpeg, int embeddedFaces,
                           List<NewSighting> sightings) {

    public NewFaceTrack {
        if (sightings.isEmpty()) {
            throw new IllegalArgumentException("A face track has at least one sighting");
        }
    }

    /** A track of one face. */
    public NewFaceTrack(double frameTimestamp, float[] embedding, float[] bbox, float detScore, float[] landmarks,
                        Long creatorId, Float confidence, MatchStatus status, byte[] cropJpeg) {
        this(frameTimestamp, embedding, bbox, detScore, landmarks, creatorId, confidence, status, cropJpeg, 1,
                List.of(new NewSighting(frameTimestamp, bbox, detScore)));
    }

    public NewFaceTrack(double frameTimestamp, float[] embedding, float[] bbox, float detScore, float[] landmarks,
                        Long creatorId, Float confidence, MatchStatus status) {
        this(frameTimestamp, embedding, bbox, detScore, landmarks, creatorId, confidence, status, null);
    }

    public double firstSeenSeconds() {
        return sightings.getFirst().frameTimestamp();
    }

    public double lastSeenSeconds() {
        return sightings.getLast().frameTimestamp();
    }
}
