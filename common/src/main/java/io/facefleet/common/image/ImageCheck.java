package io.facefleet.common.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import static io.facefleet.common.image.ImageRejectedException.Reason.NOT_AN_IMAGE;
import static io.facefleet.common.image.ImageRejectedException.Reason.TOO_LARGE;
import static io.facefleet.common.image.ImageRejectedException.Reason.UNSUPPORTED_FORMAT;

/**
 * What the scheduler (at upload) and the workers (before decoding) check of an image, without decoding its
 * pixels: a format the workers take, a file that is whole, and a size from its header within the pixel budget.
 */
public final class ImageCheck {

    /** The workers' default {@code facefleet.engine.max-image-pixels}. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private static final String SEND = "send a JPEG, PNG, WebP or BMP file";

    private final long maxPixels;

    public ImageCheck(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** @throws ImageRejectedException with the reason and a message for the person who sent the image */
    public ImageFormat check(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejectedException(NOT_AN_IMAGE, "The file is empty");
        }
        ImageFormat format = ImageFormat.of(bytes).orElseThrow(() -> ImageFormat.unsupported(bytes)
                .map(name -> new ImageRejectedException(UNSUPPORTED_FORMAT, name + " images are not supported: " + SEND))
                .orElseGet(() -> new ImageRejectedException(NOT_AN_IMAGE, "Not a supported image: " + SEND)));
        if (!ImageEnd.isWhole(format, bytes)) {
            throw new ImageRejectedException(NOT_AN_IMAGE,
                    "The " + format + " image is truncated or damaged: its end is missing");
        }
        checkPixelBudget(format, bytes);
        return format;
    }

    private void checkPixelBudget(ImageFormat format, byte[] bytes) {
        try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(NOT_AN_IMAGE, "The " + format + " image header cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                if (width <= 0 || height <= 0) {
                    throw new ImageRejectedException(NOT_AN_IMAGE,
                            "The " + format + " image header gives no size (" + width + "x" + height + ")");
                }
                if (pixels > maxPixels) {
                    throw new ImageRejectedException(TOO_LARGE, "The image is " + width + "x" + height + " = " + pixels
                            + " pixels, over the limit of " + maxPixels + " pixels");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            // ImageIO's readers throw IIOException, and for some damaged headers runtime exceptions too.
            throw new ImageRejectedException(NOT_AN_IMAGE,
                    "The " + format + " image header cannot be read: " + e.getMessage());
        }
    }
}
