package io.facefleet.worker.face;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

/** Warps a face onto the ArcFace 112×112 template by the similarity transform that best fits its 5 landmarks. */
final class FaceAligner {

    static final int SIZE = 112;

    /** Where ArcFace models expect the eyes, nose tip and mouth corners of a 112×112 face. */
    private static final double[] TEMPLATE = {
            38.2946, 51.6963,
            73.5318, 51.5014,
            56.0252, 71.7366,
            41.5493, 92.3655,
            70.7299, 92.2041};

    Mat align(Mat bgr, float[] landmarks) {
        Mat aligned = new Mat();
        try (Mat transform = similarityTransform(landmarks);
             Size size = new Size(SIZE, SIZE);
             Scalar black = Scalar.all(0)) {
            warpAffine(bgr, aligned, transform, size, INTER_LINEAR, BORDER_CONSTANT, black);
        }
        return aligned;
    }

    /**
     * Least-squares similarity (rotation, uniform scale, translation) from the landmarks to the template: the
     * closed form of Umeyama's method in two dimensions, as InsightFace's reference alignment computes it.
     * OpenCV's estimateAffinePartial2D would fit the same model but through RANSAC, which may drop a landmark.
     */
    static Mat similarityTransform(float[] landmarks) {
        double srcMeanX = 0, srcMeanY = 0, dstMeanX = 0, dstMeanY = 0;
        for (int i = 0; i < 5; i++) {
            srcMeanX += landmarks[2 * i] / 5.0;
            srcMeanY += landmarks[2 * i + 1] / 5.0;
            dstMeanX += TEMPLATE[2 * i] / 5.0;
            dstMeanY += TEMPLATE[2 * i + 1] / 5.0;
        }
        double dot = 0, cross = 0, srcVariance = 0;
        for (int i = 0; i < 5; i++) {
            double sx = landmarks[2 * i] - srcMeanX, sy = landmarks[2 * i + 1] - srcMeanY;
            double dx = TEMPLATE[2 * i] - dstMeanX, dy = TEMPLATE[2 * i + 1] - dstMeanY;
            dot += sx * dx + sy * dy;
            cross += sx * dy - sy * dx;
            srcVariance += sx * sx + sy * sy;
        }
        double a = srcVariance == 0 ? 1 : dot / srcVariance;
        double b = srcVariance == 0 ? 0 : cross / srcVariance;
        Mat transform = new Mat(2, 3, CV_64F);
        try (DoubleIndexer m = transform.createIndexer()) {
            m.put(0, 0, a);
            m.put(0, 1, -b);
            m.put(0, 2, dstMeanX - (a * srcMeanX - b * srcMeanY));
            m.put(1, 0, b);
            m.put(1, 1, a);
            m.put(1, 2, dstMeanY - (b * srcMeanX + a * srcMeanY));
        }
        return transform;
    }
}
