package io.facefleet.worker.face;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Small JPEG pictures of faces for the dashboard: the face box enlarged by {@value #MARGIN} of its size around its
 * centre, cut to the image, scaled down so that its longest side is at most {@value #MAX_SIDE} pixels. A few KB
 * each, stored beside the face's row.
 */
public final class FaceCrops {

    static final double MARGIN = 0.3;
    public static final int MAX_SIDE = 160;
    private static final int QUALITY = 85;

    private FaceCrops() {
    }

    /** The crop of {@code face} in the BGR image it was found in; null when the box lies outside the image. */
    public static byte[] jpeg(Mat bgr, DetectedFace face) {
        double cx = (face.x1() + face.x2()) / 2.0, cy = (face.y1() + face.y2()) / 2.0;
        double halfWidth = face.width() * (1 + MARGIN) / 2, halfHeight = face.height() * (1 + MARGIN) / 2;
        int x1 = (int) Math.max(0, Math.floor(cx - halfWidth));
        int y1 = (int) Math.max(0, Math.floor(cy - halfHeight));
        int x2 = (int) Math.min(bgr.cols(), Math.ceil(cx + halfWidth));
        int y2 = (int) Math.min(bgr.rows(), Math.ceil(cy + halfHeight));
        if (x2 - x1 < 1 || y2 - y1 < 1) {
            return null;
        }
        int width = x2 - x1, height = y2 - y1;
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(width, height));
        try (Rect box = new Rect(x1, y1, width, height); Mat region = new Mat(bgr, box); Mat small = new Mat()) {
            Mat out = region;
            if (scale < 1.0) {
                try (Size size = new Size(Math.max(1, (int) Math.round(width * scale)),
                        Math.max(1, (int) Math.round(height * scale)))) {
                    resize(region, small, size, 0, 0, INTER_AREA);
                }
                out = small;
            }
            try (BytePointer encoded = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, QUALITY)) {
                if (!imencode(".jpg", out, encoded, params)) {
                    return null;
                }
                byte[] bytes = new byte[(int) encoded.limit()];
                encoded.get(bytes);
                return bytes;
            }
        }
    }
}
