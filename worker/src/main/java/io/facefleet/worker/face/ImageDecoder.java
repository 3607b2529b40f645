package io.facefleet.worker.face;

import io.facefleet.common.image.ImageCheck;
import io.facefleet.common.image.ImageRejectedException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

/**
 * JPEG, PNG, WebP or BMP bytes to a BGR image, turned upright by its EXIF orientation (OpenCV applies it).
 * {@link ImageCheck} comes first, the same check the scheduler makes at upload: other formats, truncated files and
 * images over the pixel budget are refused before anything is decoded.
 */
public final class ImageDecoder {

    private final ImageCheck check;

    public ImageDecoder(long maxPixels) {
        this.check = new ImageCheck(maxPixels);
    }

    public Mat decode(Path file) {
        try {
            return decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Mat decode(byte[] bytes) {
        check.check(bytes);
        Mat image;
        try (BytePointer data = new BytePointer(bytes); Mat buffer = new Mat(1, bytes.length, CV_8UC1, data)) {
            image = imdecode(buffer, IMREAD_COLOR);
        }
        if (image == null || image.empty()) {
            throw new ImageRejectedException(ImageRejectedException.Reason.NOT_AN_IMAGE,
                    "The image could not be decoded: it is damaged or truncated");
        }
        return image;
    }
}
