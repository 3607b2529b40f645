package io.facefleet.worker.face;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * An image scaled to fit a fixed canvas with its aspect ratio kept, anchored top-left and padded with black,
 * as SCRFD was trained. Coordinates on the canvas divided by {@link #scale()} are coordinates in the original.
 */
record Letterbox(Mat canvas, float scale) implements AutoCloseable {

    static Letterbox fit(Mat image, int width, int height) {
        float imageRatio = (float) image.rows() / image.cols();
        float canvasRatio = (float) height / width;
        int newWidth;
        int newHeight;
        if (imageRatio > canvasRatio) {
            newHeight = height;
            newWidth = Math.max(1, (int) (newHeight / imageRatio));
        } else {
            newWidth = width;
            newHeight = Math.max(1, (int) (newWidth * imageRatio));
        }
        Mat canvas = new Mat();
        try (Mat resized = new Mat(); Size size = new Size(newWidth, newHeight); Scalar black = Scalar.all(0)) {
            resize(image, resized, size, 0, 0, INTER_LINEAR);
            copyMakeBorder(resized, canvas, 0, height - newHeight, 0, width - newWidth, BORDER_CONSTANT, black);
        }
        return new Letterbox(canvas, (float) newHeight / image.rows());
    }

    @Override
    public void close() {
        canvas.close();
    }
}
