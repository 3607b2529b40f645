package io.facefleet.worker.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** Converts a decoded frame to a new BGR {@link Mat} of the same size; used only for the frames that are taken. */
final class BgrConverter implements AutoCloseable {

    private SwsContext context;
    private final PointerPointer<?> planes = new PointerPointer<>(4);
    private final IntPointer strides = new IntPointer(4);

    Mat convert(AVFrame frame) {
        int width = frame.width();
        int height = frame.height();
        context = sws_getCachedContext(context, width, height, frame.format(), width, height, AV_PIX_FMT_BGR24,
                SWS_BILINEAR, null, null, (DoublePointer) null);
        if (context == null) {
            throw new IllegalStateException("FFmpeg cannot convert pixel format " + frame.format() + " to BGR");
        }
        Mat image = new Mat(height, width, CV_8UC3);
        planes.put(0, image.data());
        strides.put(0, (int) image.step());
        sws_scale(context, frame.data(), frame.linesize(), 0, height, planes, strides);
        return image;
    }

    @Override
    public void close() {
        if (context != null) {
            sws_freeContext(context);
            context = null;
        }
        planes.close();
        strides.close();
    }
}
