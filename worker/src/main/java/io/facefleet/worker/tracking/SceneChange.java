package io.facefleet.worker.tracking;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.HISTCMP_BHATTACHARYYA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.calcHist;
import static org.bytedeco.opencv.global.opencv_imgproc.compareHist;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_core.NORM_L1;
import static org.bytedeco.opencv.global.opencv_core.normalize;

/**
 * Whether two sampled frames show the same scene, by the distance between their hue-saturation histograms (as
 * PySceneDetect's histogram detector does). Across a cut, a face in the same place is often somebody else
 * (shot and reverse shot in an interview), so links across it are checked by the recognizer.
 */
public final class SceneChange {

    /** Bhattacharyya distance above which two frames count as different scenes. */
    static final double CUT_DISTANCE = 0.35;
    private static final int THUMB_WIDTH = 160;

    private SceneChange() {
    }

    /** A small normalised histogram of the frame; the caller closes it. */
    public static Mat histogram(Mat bgr) {
        int width = Math.min(THUMB_WIDTH, bgr.cols());
        int height = Math.max(1, bgr.rows() * width / Math.max(1, bgr.cols()));
        Mat hist = new Mat();
        try (Mat small = new Mat(); Mat hsv = new Mat(); Size size = new Size(width, height);
             MatVector images = new MatVector(1); Mat noMask = new Mat();
             IntPointer channels = new IntPointer(0, 1); IntPointer bins = new IntPointer(30, 32);
             FloatPointer ranges = new FloatPointer(0f, 180f, 0f, 256f)) {
            resize(bgr, small, size, 0, 0, INTER_AREA);
            cvtColor(small, hsv, COLOR_BGR2HSV);
            images.put(0, hsv);
            calcHist(images, channels, noMask, hist, bins, ranges, false);
            normalize(hist, hist, 1, 0, NORM_L1, -1, noMask);
        }
        return hist;
    }

    public static double distance(Mat histogramA, Mat histogramB) {
        return compareHist(histogramA, histogramB, HISTCMP_BHATTACHARYYA);
    }

    public static boolean isCut(Mat histogramA, Mat histogramB) {
        return distance(histogramA, histogramB) > CUT_DISTANCE;
    }
}
