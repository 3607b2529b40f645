package io.facefleet.worker.tracking;

import io.facefleet.worker.face.DetectedFace;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * How well a face shows its owner, to choose the few faces of a track worth the recognizer: large, sharp and
 * frontal faces first (the criteria of DeepStream's and Frigate's best-face selection). Each factor lies in 0..1.
 */
public final class FaceQuality {

    /** A face this wide (the recognizer's input) or wider loses nothing to its size. */
    static final float FULL_SIZE = 112f;
    /** Variance of the Laplacian of an aligned face at which it counts as half sharp. */
    static final double HALF_SHARP = 100;

    private FaceQuality() {
    }

    public static float of(DetectedFace face, Mat alignedBgr) {
        return face.score() * size(face) * frontality(face.landmarks()) * (float) sharpness(alignedBgr);
    }

    static float size(DetectedFace face) {
        return Math.min(1f, Math.max(0f, face.width()) / FULL_SIZE);
    }

    /** 1 when the nose lies midway between the eyes, falling towards 0 as the head turns to a profile. */
    static float frontality(float[] landmarks) {
        float leftEye = landmarks[0], rightEye = landmarks[2], nose = landmarks[4];
        float left = nose - leftEye, right = rightEye - nose;
        if (left <= 0 || right <= 0) {
            return 0.05f;
        }
        return Math.max(0.05f, Math.min(left, right) / Math.max(left, right));
    }

    static double sharpness(Mat alignedBgr) {
        try (Mat gray = new Mat(); Mat edges = new Mat(); Mat mean = new Mat(); Mat deviation = new Mat()) {
            cvtColor(alignedBgr, gray, COLOR_BGR2GRAY);
            Laplacian(gray, edges, CV_64F);
            meanStdDev(edges, mean, deviation);
            double sd = deviation.createIndexer().getDouble(0);
            double variance = sd * sd;
            return variance / (variance + HALF_SHARP);
        }
    }
}
