package io.facefleet.worker.face;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

/**
 * JPEG, PNG, WebP or BMP bytes to a BGR image, turned upright by its EXIF orientation (OpenCV applies it).
 * The size is read from the header first, so an image over the pixel budget is refused before it is decoded.
 */
public final class ImageDecoder {

    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    public Mat decode(Path file) {
        try {
            return decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Mat decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejectedException(ImageRejectedException.Reason.NOT_AN_IMAGE, "The file is empty");
        }
        checkPixelBudget(bytes);
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

    private void checkPixelBudget(byte[] bytes) {
        try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(ImageRejectedException.Reason.NOT_AN_IMAGE,
                        "Not a supported image: send a JPEG, PNG, WebP or BMP file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new ImageRejectedException(ImageRejectedException.Reason.TOO_LARGE,
                            "The image is " + reader.getWidth(0) + "x" + reader.getHeight(0) + " = " + pixels
                                    + " pixels, over the limit of " + maxPixels + " pixels");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageRejectedException(ImageRejectedException.Reason.NOT_AN_IMAGE,
                    "The image header cannot be read: " + e.getMessage());
        }
    }
}
