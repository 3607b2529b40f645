package io.facefleet.worker.face;

import io.facefleet.common.image.ImageRejectedException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

import static io.facefleet.worker.face.TestEngines.FIXTURES;
import static io.facefleet.worker.face.TestEngines.dev512;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(EngineSettings.DEFAULT_MAX_IMAGE_PIXELS);

    private static byte[] obamaJpeg() throws IOException {
        return Files.readAllBytes(FIXTURES.facedata("photos/Barack_Obama/fr_obama.jpg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {".png", ".webp", ".bmp", ".jpg"})
    void decodesEachSupportedFormatToTheSameFace(String extension) throws IOException {
        byte[] encoded;
        try (Mat original = decoder.decode(obamaJpeg()); BytePointer buffer = new BytePointer()) {
            imencode(extension, original, buffer);
            encoded = new byte[(int) buffer.limit()];
            buffer.get(encoded);
        }
        try (Mat image = decoder.decode(encoded)) {
            assertThat(image.cols()).isEqualTo(910);
            assertThat(image.rows()).isEqualTo(1137);
            assertThat(image.channels()).isEqualTo(3);
            assertThat(dev512().analyze(image)).hasSize(1);
        }
    }

    @Test
    void turnsAPhotoUprightByItsExifOrientation() throws IOException {
        // As a camera held sideways stores it: pixels turned a quarter left, EXIF orientation 6 saying "turn right".
        byte[] sideways;
        try (Mat upright = decoder.decode(obamaJpeg()); Mat turned = new Mat(); BytePointer buffer = new BytePointer()) {
            rotate(upright, turned, ROTATE_90_COUNTERCLOCKWISE);
            imencode(".jpg", turned, buffer);
            sideways = new byte[(int) buffer.limit()];
            buffer.get(sideways);
        }
        try (Mat withoutExif = decoder.decode(sideways)) {
            assertThat(withoutExif.cols()).isEqualTo(1137);
            assertThat(eyesSideBySide(withoutExif)).as("control: the stored pixels are sideways").isFalse();
        }
        try (Mat image = decoder.decode(withExifOrientation(sideways, 6))) {
            assertThat(image.cols()).isEqualTo(910);
            assertThat(image.rows()).isEqualTo(1137);
            assertThat(eyesSideBySide(image)).isTrue();
        }
    }

    private static boolean eyesSideBySide(Mat image) {
        float[] p = dev512().detect(image, StageTimings.NONE).getFirst().landmarks();
        return Math.abs(p[1] - p[3]) < Math.abs(p[0] - p[2]) && p[7] > p[1];
    }

    @Test
    void refusesAnImageOverThePixelBudgetBeforeDecodingIt() throws IOException {
        ImageDecoder small = new ImageDecoder(1_000_000);
        assertThatThrownBy(() -> small.decode(obamaJpeg()))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("910x1137")
                .extracting(e -> ((ImageRejectedException) e).reason()).isEqualTo(ImageRejectedException.Reason.TOO_LARGE);
    }

    @Test
    void refusesTextTruncatedAndEmptyFiles() throws IOException {
        assertThatThrownBy(() -> decoder.decode("hello".getBytes())).hasMessageContaining("Not a supported image");
        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(obamaJpeg(), 2000))).isInstanceOf(ImageRejectedException.class);
        assertThatThrownBy(() -> decoder.decode(new byte[0])).hasMessageContaining("empty");
    }

    /** The JPEG with an EXIF (APP1) segment holding only an orientation tag, right after its start marker. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) throws IOException {
        byte[] tiff = {
                'M', 'M', 0, 42, 0, 0, 0, 8,            // big-endian TIFF header, first IFD at offset 8
                0, 1,                                   // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1,           // tag 0x0112 Orientation, SHORT, count 1
                0, (byte) orientation, 0, 0,            // value
                0, 0, 0, 0};                            // no next IFD
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + tiff.length;
        out.write(new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.write("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
