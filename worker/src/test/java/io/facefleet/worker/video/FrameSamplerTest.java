package io.facefleet.worker.video;

import io.facefleet.common.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Samples the 10-minute 480p videos of {@code scripts/long-videos.sh} (made on first use: about a minute on 2 cores)
 * and the short sample clips, and checks what was decoded and taken; prints the figures.
 */
class FrameSamplerTest {

    private static final Fixtures FIXTURES = Fixtures.locate();
    private static final SamplingSettings DEFAULTS = SamplingSettings.DEFAULTS;
    private static final double FRAME = 1 / LongVideos.FPS;

    private final FrameSampler sampler = new FrameSampler();

    @Test
    void keyframeEvery2sIsSampledFromItsKeyframesAlone() {
        Sampled sampled = sample(LongVideos.keyframeEvery2s(480), DEFAULTS);
        SamplingReport report = sampled.report;

        assertThat(report.mode()).isEqualTo(DecodeMode.KEYFRAMES);
        assertThat(report.keyframeIntervalSeconds()).isCloseTo(2.0, within(0.01));
        assertThat(report.intervalSeconds()).isEqualTo(2.0);
        assertThat(report.framesSampled()).isEqualTo(300);
        int keyframes = (int) (LongVideos.DURATION_SECONDS / 2.0);
        assertThat(report.framesDecoded()).as("keyframes decoded").isBetween(report.framesSampled(), keyframes);
        sampled.assertEachNearItsTarget(2.0, 2.0 / 2);
        sampled.assertSpacedAbout(2.0, 2.0 / 2);
        assertThat(report.partialReason()).isNull();
    }

    @Test
    void keyframeEvery10sIsSampledFromItsReferenceFrames() {
        Sampled sampled = sample(LongVideos.keyframeEvery10s(480), DEFAULTS);
        SamplingReport report = sampled.report;

        assertThat(report.mode()).isEqualTo(DecodeMode.REFERENCE_FRAMES);
        assertThat(report.keyframeIntervalSeconds()).isCloseTo(10.0, within(0.01));
        assertThat(report.framesSampled()).isEqualTo(300);
        int allFrames = (int) Math.round(LongVideos.DURATION_SECONDS * LongVideos.FPS);
        assertThat(report.framesDecoded()).as("of " + allFrames + " frames").isLessThan(allFrames / 3);
        // x264 puts at most 3 B-frames between P-frames: a decoded frame lies within 2 frames of any time.
        sampled.assertEachNearItsTarget(2.0, 2 * FRAME + 1e-6);
        sampled.assertSpacedAbout(2.0, 4 * FRAME + 1e-6);
        assertThat(report.partialReason()).isNull();
    }

    @Test
    void withoutAnIndexTheKeyframesAreLearnedWhileReading(@TempDir Path dir) throws Exception {
        Path ts = dir.resolve("key2s.ts"); // MPEG-TS: no index, so no seeking and no decision before reading
        Process remux = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i",
                LongVideos.keyframeEvery2s(480).toString(), "-c", "copy", "-t", "120", ts.toString()).inheritIO()
                .start();
        assertThat(remux.waitFor()).isZero();

        Sampled sampled = sample(ts, DEFAULTS);
        SamplingReport report = sampled.report;

        assertThat(report.mode()).isEqualTo(DecodeMode.KEYFRAMES);
        assertThat(report.keyframeIntervalSeconds()).isCloseTo(2.0, within(0.01));
        assertThat(report.framesSampled()).isEqualTo(60);
        // reference frames until 3 gaps of 2 s were seen, keyframes only after
        assertThat(report.framesDecoded()).isLessThan(60 + 3 * 2 * 25);
        sampled.assertEachNearItsTarget(2.0, 2.0 / 2 + FRAME);
    }

    @Test
    void aVideoCutShortKeepsTheFramesBeforeTheCut(@TempDir Path dir) throws IOException {
        Path whole = LongVideos.keyframeEvery10s(480);
        Path cut = copyStart(whole, dir.resolve("cut.mp4"), 0.6);

        Sampled sampled = sample(cut, DEFAULTS);
        SamplingReport report = sampled.report;

        assertThat(report.partialReason()).startsWith("the file ends at ").endsWith(" s of its 600.0 s");
        Matcher endsAt = Pattern.compile("ends at ([0-9.]+) s").matcher(report.partialReason());
        assertThat(endsAt.find()).isTrue();
        double end = Double.parseDouble(endsAt.group(1));
        assertThat(end).isBetween(100.0, 590.0);
        assertThat(sampled.timestamps).allSatisfy(at -> assertThat(at).isLessThanOrEqualTo(end));
        assertThat(report.framesSampled()).as("a frame every 2 s up to the cut").isCloseTo((int) (end / 2), within(2));
        sampled.assertEachNearItsTarget(2.0, 2 * FRAME + 1e-6);
    }

    @Test
    void shortClipsGiveTheMinimumNumberOfFramesSpreadEvenly() {
        for (String clip : List.of("fp_video.mp4", "obama_whcd_hk.mp4", "fr_short_hamilton_clip.mp4")) {
            Sampled sampled = sample(FIXTURES.facedata("videos/" + clip), DEFAULTS);
            SamplingReport report = sampled.report;
            double duration = report.probe().durationSeconds();

            assertThat(report.framesSampled()).as(clip).isEqualTo(8);
            // the video stream's duration: hamilton's audio runs on 0.8 s past its last picture
            assertThat(report.intervalSeconds() * 8).as(clip).isBetween(duration - 1.0, duration);
            sampled.assertEachNearItsTarget(report.intervalSeconds(), report.intervalSeconds() / 2);
        }
    }

    @Test
    void filesFfmpegCannotOpenFailWithItsReason(@TempDir Path dir) throws IOException {
        byte[] clip = Files.readAllBytes(FIXTURES.facedata("videos/obama_whcd_hk.mp4"));
        Path truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(clip, 20_000));
        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n");

        assertThatThrownBy(() -> sample(text, DEFAULTS)).isInstanceOf(UnreadableVideoException.class)
                .hasMessage("notes.mp4 is not a readable video: Invalid data found when processing input");
        assertThatThrownBy(() -> sample(truncated, DEFAULTS)).isInstanceOf(UnreadableVideoException.class)
                .hasMessageContaining("truncated.mp4");
    }

    private Sampled sample(Path file, SamplingSettings settings) {
        List<Double> at = new ArrayList<>();
        SamplingReport report = sampler.sample(file, settings, frame -> {
            try (frame) {
                assertThat(frame.image().cols()).isPositive();
                at.add(frame.timestampSeconds());
            }
        });
        System.out.printf(Locale.ROOT, "%s: %s, %d frames decoded, %d sampled, keyframe every %s s, interval %.3f s,"
                        + " %.2f CPU s, %.2f wall s%s%n", file.getFileName(), report.mode(), report.framesDecoded(),
                report.framesSampled(), report.keyframeIntervalSeconds() == null ? "?"
                        : String.format(Locale.ROOT, "%.2f", report.keyframeIntervalSeconds()),
                report.intervalSeconds(), report.cpuSeconds(), report.wallSeconds(),
                report.partialReason() == null ? "" : " (partial: " + report.partialReason() + ")");
        return new Sampled(report, at);
    }

    private static Path copyStart(Path from, Path to, double share) throws IOException {
        long bytes = (long) (Files.size(from) * share);
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            out.write(in.readNBytes((int) bytes));
        }
        return to;
    }

    private record Sampled(SamplingReport report, List<Double> timestamps) {

        /** The i-th frame taken serves the i-th target (the middle of the i-th interval). */
        void assertEachNearItsTarget(double interval, double tolerance) {
            double worst = 0;
            for (int i = 0; i < timestamps.size(); i++) {
                double target = (i + 0.5) * interval;
                worst = Math.max(worst, Math.abs(timestamps.get(i) - target));
                assertThat(timestamps.get(i)).as("frame %d", i).isCloseTo(target, within(tolerance));
            }
            System.out.printf(Locale.ROOT, "  farthest from its target: %.3f s%n", worst);
        }

        void assertSpacedAbout(double interval, double tolerance) {
            for (int i = 1; i < timestamps.size(); i++) {
                assertThat(timestamps.get(i) - timestamps.get(i - 1)).as("gap before frame %d", i)
                        .isCloseTo(interval, within(tolerance));
            }
        }
    }
}
