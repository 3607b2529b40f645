package io.facefleet.worker.matching;

import io.facefleet.worker.face.Face;

/** A face found in a video, and when. */
public record VideoFace(double timestampSeconds, Face face) {
}
