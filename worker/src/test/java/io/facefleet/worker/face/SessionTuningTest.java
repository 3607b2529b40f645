package io.facefleet.worker.face;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.facefleet.common.pack.ModelPacks;
import io.facefleet.worker.face.OptimisationChoice.Source;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each model runs at the optimisation level measured fastest on this host, measured once and then read from the
 * cache, and the level never changes a result. Real models; the cache lives in a temporary folder.
 */
class SessionTuningTest {

    private static final ImageDecoder DECODER = new ImageDecoder(EngineSettings.DEFAULT_MAX_IMAGE_PIXELS);

    private static FaceEngine open(String pack, Optimisation optimisation, Path cache) {
        return FaceEngine.open(ModelPacks.standard().load(pack),
                EngineSettings.defaults().withOptimisation(optimisation).withTuningCache(cache));
    }

    private static void assertMeasuredFastest(OptimisationChoice choice, Path cache) {
        assertThat(choice.source()).isEqualTo(Source.MEASURED);
        assertThat(choice.millisPerRun()).containsOnlyKeys(SessionTuner.CANDIDATES);
        assertThat(choice.millisPerRun().get(choice.level()))
                .isEqualTo(choice.millisPerRun().values().stream().min(Double::compare).orElseThrow());
        assertThat(choice.cacheFile()).isEqualTo(cache);
    }

    @Test
    void theFastestLevelIsMeasuredOnceThenReadFromTheCache(@TempDir Path folder) {
        Path cache = folder.resolve("engine-tuning.json");
        OptimisationChoice detector, recognizer;
        try (FaceEngine engine = open("dev-512", Optimisation.AUTO, cache)) {
            detector = engine.detectorOptimisation();
            recognizer = engine.recognizerOptimisation();
        }
        assertMeasuredFastest(detector, cache);
        assertMeasuredFastest(recognizer, cache);
        assertThat(cache).isRegularFile();

        try (FaceEngine engine = open("dev-512", Optimisation.AUTO, cache)) {
            assertThat(engine.detectorOptimisation().source()).isEqualTo(Source.CACHED);
            assertThat(engine.detectorOptimisation().level()).isEqualTo(detector.level());
            assertThat(engine.recognizerOptimisation().source()).isEqualTo(Source.CACHED);
            assertThat(engine.recognizerOptimisation().level()).isEqualTo(recognizer.level());
            assertThat(engine.recognizerOptimisation().millisPerRun()).isEqualTo(recognizer.millisPerRun());
        }
    }

    @Test
    void measureMeasuresAgainDespiteTheCache(@TempDir Path folder) {
        Path cache = folder.resolve("engine-tuning.json");
        open("dev-128", Optimisation.AUTO, cache).close();
        try (FaceEngine engine = open("dev-128", Optimisation.MEASURE, cache)) {
            assertMeasuredFastest(engine.detectorOptimisation(), cache);
            assertMeasuredFastest(engine.recognizerOptimisation(), cache);
        }
    }

    @Test
    void aForcedLevelIsHonouredWithoutMeasuring(@TempDir Path folder) {
        Path cache = folder.resolve("engine-tuning.json");
        try (FaceEngine engine = open("dev-512", Optimisation.EXTENDED, cache)) {
            for (OptimisationChoice choice : List.of(engine.detectorOptimisation(), engine.recognizerOptimisation())) {
                assertThat(choice.level()).isEqualTo(OptLevel.EXTENDED_OPT);
                assertThat(choice.source()).isEqualTo(Source.FORCED);
                assertThat(choice.millisPerRun()).isEmpty();
            }
        }
        assertThat(cache).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"entries\": [{\"key\": ", "not json at all", "{\"entries\": [{\"level\": \"FAST\"}]}",
            "{\"entries\": [{}]}"})
    void aCorruptCacheIsIgnoredAndRewritten(String corrupt, @TempDir Path folder) throws IOException {
        Path cache = folder.resolve("engine-tuning.json");
        Files.writeString(cache, corrupt);
        Path recognizerFile;
        try (FaceEngine engine = open("dev-128", Optimisation.AUTO, cache)) {
            assertMeasuredFastest(engine.detectorOptimisation(), cache);
            assertMeasuredFastest(engine.recognizerOptimisation(), cache);
            recognizerFile = engine.pack().recognizerFile();
        }
        TuningKey key = TuningKey.of(recognizerFile, "112x112", ExecutionProvider.CPU, 0);
        assertThat(new TuningCache(cache).lookup(key)).isPresent();
        try (FaceEngine engine = open("dev-128", Optimisation.AUTO, cache)) {
            assertThat(engine.recognizerOptimisation().source()).isEqualTo(Source.CACHED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev-512", "dev-128"})
    void embeddingsAreTheSameAtEveryLevel(String pack) {
        float[] reference = embeddingAt(pack, Optimisation.ALL);
        for (Optimisation level : List.of(Optimisation.BASIC, Optimisation.EXTENDED, Optimisation.LAYOUT)) {
            assertThat(Embeddings.cosine(embeddingAt(pack, level), reference)).as(level.id()).isGreaterThan(0.999f);
        }
    }

    private static float[] embeddingAt(String pack, Optimisation level) {
        try (FaceEngine engine = open(pack, level, null);
             Mat image = DECODER.decode(TestEngines.FIXTURES.facedata("photos/Barack_Obama/fr_obama.jpg"))) {
            return engine.mostProminent(image, StageTimings.NONE).orElseThrow().embedding();
        }
    }
}
