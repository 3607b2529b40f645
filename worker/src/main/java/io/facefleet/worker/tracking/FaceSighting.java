package io.facefleet.worker.tracking;

import io.facefleet.worker.face.DetectedFace;

/**
 * One face in one sampled frame.
 *
 * @param quality how well the face shows its owner, 0 to 1 ({@link FaceQuality})
 */
public record FaceSighting(double timestampSeconds, DetectedFace face, float quality) {
}
