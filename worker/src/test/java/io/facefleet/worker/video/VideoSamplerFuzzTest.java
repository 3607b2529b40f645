package io.facefleet.worker.video;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.facefleet.common.Fixtures;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer mutates real video files for a bounded time (JAZZER_FUZZ=1, the worker's fuzz execution): whatever the
 * bytes, FFmpeg through the sampler answers frames of a bounded size or {@link UnreadableVideoException} with a
 * reason, never another exception, a crash of the native decoder or a hang. The seeds (the smallest sample video,
 * and the start of another, cut short) are copied from facedata at test time; nothing is committed.
 */
class VideoSamplerFuzzTest {

    private static final FrameSampler SAMPLER = new FrameSampler();
    private static final SamplingSettings SETTINGS = new SamplingSettings(1.0, 1, 8);
    private static Path scratch;

    @BeforeAll
    static void seedsFromFacedata() throws IOException, URISyntaxException {
        Path classes = Path.of(VideoSamplerFuzzTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path seeds = Files.createDirectories(classes.resolve("io/facefleet/worker/video/VideoSamplerFuzzTestInputs"
                + "/anyBytesSampleOrAreRefused"));
        Path videos = Fixtures.locate().facedata("videos");
        Files.write(seeds.resolve("fa_test_video.mp4"), Files.readAllBytes(videos.resolve("fa_test_video.mp4")));
        Files.write(seeds.resolve("obama_whcd_hk-start.mp4"),
                Arrays.copyOf(Files.readAllBytes(videos.resolve("obama_whcd_hk.mp4")), 40_000));
        scratch = Files.createTempDirectory("video-fuzz");
    }

    @FuzzTest(maxDuration = "15s")
    void anyBytesSampleOrAreRefused(byte[] bytes) throws IOException {
        Path file = Files.write(scratch.resolve("fuzzed.mp4"), bytes);
        try {
            SamplingReport report = SAMPLER.sample(file, SETTINGS, frame -> {
                try (frame) {
                    assertThat(frame.image().cols()).isPositive();
                    assertThat((long) frame.image().cols() * frame.image().rows()).isLessThanOrEqualTo(8192L * 8192);
                }
            });
            assertThat(report.framesSampled()).isBetween(1, SETTINGS.maxFrames());
        } catch (UnreadableVideoException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
