package io.facefleet.worker.face;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.facefleet.common.image.ImageRejectedException;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.facefleet.worker.face.TestEngines.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer mutates real photos for a bounded time (JAZZER_FUZZ=1, set for the worker's tests): whatever the bytes, the
 * decoder answers an image or {@link ImageRejectedException}, never another exception, a crash or a hang. The seeds
 * are copied from facedata at test time into the directory Jazzer reads them from; nothing is committed.
 */
class ImageDecoderFuzzTest {

    private static final ImageDecoder DECODER = new ImageDecoder(4_000_000);

    @BeforeAll
    static void seedsFromFacedata() throws IOException, URISyntaxException {
        Path classes = Path.of(ImageDecoderFuzzTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path seeds = Files.createDirectories(classes.resolve("io/facefleet/worker/face/ImageDecoderFuzzTestInputs"
                + "/anyBytesDecodeOrAreRefused"));
        try (Stream<Path> photos = Files.list(FIXTURES.facedata("photos/Barack_Obama"))) {
            for (Path photo : photos.filter(p -> p.toFile().length() < 200_000).limit(3).toList()) {
                Files.copy(photo, seeds.resolve(photo.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @FuzzTest(maxDuration = "15s")
    void anyBytesDecodeOrAreRefused(byte[] bytes) {
        try (Mat image = DECODER.decode(bytes)) {
            assertThat(image.cols()).isPositive();
            assertThat((long) image.cols() * image.rows()).isLessThanOrEqualTo(4_000_000);
        } catch (ImageRejectedException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
