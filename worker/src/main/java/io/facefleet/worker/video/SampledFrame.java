package io.facefleet.worker.video;

import org.bytedeco.opencv.opencv_core.Mat;

/** One decoded frame (BGR) and where in the video it is; the receiver closes it. */
public record SampledFrame(double timestampSeconds, Mat image) implements AutoCloseable {

    @Override
    public void close() {
        image.close();
    }
}
