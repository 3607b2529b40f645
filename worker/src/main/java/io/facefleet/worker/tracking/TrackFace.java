package io.facefleet.worker.tracking;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A sighting a track keeps its aligned face for: one of its best few, or its latest (to check a doubtful link).
 * The embedding is filled in once the recognizer has run on it, and never computed twice.
 */
final class TrackFace implements AutoCloseable {

    final FaceSighting sighting;
    private Mat aligned;
    float[] embedding;

    TrackFace(FaceSighting sighting, Mat aligned) {
        this.sighting = sighting;
        this.aligned = aligned;
    }

    Mat aligned() {
        return aligned;
    }

    boolean embedded() {
        return embedding != null;
    }

    @Override
    public void close() {
        if (aligned != null) {
            aligned.close();
            aligned = null;
        }
    }
}
