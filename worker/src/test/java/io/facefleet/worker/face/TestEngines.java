package io.facefleet.worker.face;

import io.facefleet.common.Fixtures;
import io.facefleet.common.pack.ModelPacks;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real engines over the real model packs in the fixtures folder, opened once per test JVM. */
public final class TestEngines {

    private static final Map<String, FaceEngine> ENGINES = new ConcurrentHashMap<>();
    public static final Fixtures FIXTURES = Fixtures.locate();
    private static final ImageDecoder DECODER = new ImageDecoder(EngineSettings.DEFAULT_MAX_IMAGE_PIXELS);
    /** Optimisation levels measured in this test JVM are cached here, never in the user's home. */
    private static final Path TUNING_CACHE = temporaryTuningCache();

    private TestEngines() {
    }

    public static FaceEngine engine(String pack) {
        return ENGINES.computeIfAbsent(pack, name -> FaceEngine.open(ModelPacks.standard().load(name), settings()));
    }

    /** The default settings, with the tuning cache of this test JVM. */
    public static EngineSettings settings() {
        return EngineSettings.defaults().withTuningCache(TUNING_CACHE);
    }

    private static Path temporaryTuningCache() {
        try {
            Path folder = Files.createTempDirectory("facefleet-engine-tuning");
            Path file = folder.resolve("engine-tuning.json");
            folder.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FaceEngine dev512() {
        return engine("dev-512");
    }

    public static List<Face> faces(FaceEngine engine, String facedataPath) {
        try (Mat image = DECODER.decode(FIXTURES.facedata(facedataPath))) {
            return engine.analyze(image);
        }
    }

    public static Face mostProminent(FaceEngine engine, String facedataPath) {
        try (Mat image = DECODER.decode(FIXTURES.facedata(facedataPath))) {
            return engine.mostProminent(image, StageTimings.NONE)
                    .orElseThrow(() -> new AssertionError("No face found in " + facedataPath));
        }
    }
}
