package io.facefleet.worker.eval;

import io.facefleet.common.pack.ModelPacks;
import io.facefleet.worker.face.EngineSettings;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.worker.face.TestEngines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full LFW protocol (6000 pairs, 10 folds) through the real pipeline, with the pack the tests and the demo run.
 * An independent reference pipeline with the same models measured dev-512 at 99.40 % with 10 detection misses.
 * The other packs are measured with {@code facefleet eval lfw --pack P} (README, "Measured"): at 7,701 images a pack
 * takes three to seven minutes of this suite's 2-core budget.
 */
class LfwAccuracyTest {

    @ParameterizedTest(name = "{0} reaches {1}% on LFW")
    @CsvSource("dev-512, 99.30")
    void reachesTheReferenceAccuracy(String pack, double minimumPercent) {
        // One ONNX Runtime thread per model run, as `facefleet eval lfw` does: with its default threads on top of
        // one image per core, the cores are oversubscribed (dev-512: 263 s instead of 155 s on 2 cores).
        try (FaceEngine engine = FaceEngine.open(ModelPacks.standard().load(pack),
                EngineSettings.defaults().withIntraOpThreads(1))) {
            assertReaches(engine, minimumPercent);
        }
    }

    private static void assertReaches(FaceEngine engine, double minimumPercent) {
        LfwBenchmark.Report report = new LfwBenchmark(engine,
                new ImageDecoder(EngineSettings.DEFAULT_MAX_IMAGE_PIXELS), Runtime.getRuntime().availableProcessors())
                .run(TestEngines.FIXTURES.facedata("lfw"), done -> { });

        assertThat(report.pairs()).isEqualTo(6000);
        assertThat(report.images()).isEqualTo(7701);
        assertThat(100 * report.verification().meanAccuracy()).isGreaterThanOrEqualTo(minimumPercent);
        assertThat(report.missed()).hasSizeLessThanOrEqualTo(10);
        assertThat(report.unrecovered()).isEmpty();
        assertThat(report.verification().meanThreshold())
                .isCloseTo(engine.pack().manifest().thresholds().verification(), org.assertj.core.data.Offset.offset(0.03));
    }
}
