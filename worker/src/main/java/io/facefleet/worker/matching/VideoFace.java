package io.facefleet.worker.matching;

import io.facefleet.worker.face.Face;

/**
 * A face found in a video, and when.
 *
 * @param cropJpeg a small JPEG of the face for the dashboard ({@link io.facefleet.worker.face.FaceCrops}), or null
 */
public record VideoFace(double timestampSeconds, Face face, byte[] cropJpeg) {
}
