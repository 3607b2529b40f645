package io.facefleet.worker.face;

import java.nio.file.Path;

/**
 * How the face engine runs.
 *
 * @param executionProvider auto, rocm, migraphx, cuda or cpu
 * @param intraOpThreads    ONNX Runtime threads per model run; 0 lets ONNX Runtime decide
 * @param scoreThreshold    detections below this score are dropped
 * @param nmsThreshold      overlap (IoU) above which the weaker of two boxes is dropped
 * @param maxImagePixels    images larger than this are refused before they are decoded
 * @param optimisation      ONNX Runtime graph optimisation level per model: measured (auto, measure) or forced
 * @param tuningCache       where measured levels are cached per host; null measures at every start
 */
public record EngineSettings(String executionProvider, int intraOpThreads, float scoreThreshold,
                             float nmsThreshold, long maxImagePixels, Optimisation optimisation, Path tuningCache) {

    public static final long DEFAULT_MAX_IMAGE_PIXELS = 50_000_000L;
    public static final String OPTIMISATION_PROPERTY = "facefleet.engine.optimisation";
    public static final String TUNING_CACHE_PROPERTY = "facefleet.engine.tuning-cache";

    public EngineSettings {
        if (optimisation == null) {
            throw new IllegalArgumentException("optimisation must be set (auto measures it)");
        }
    }

    /**
     * Settings with the optimisation and tuning cache of the system properties {@value #OPTIMISATION_PROPERTY} and
     * {@value #TUNING_CACHE_PROPERTY}, else of FACEFLEET_ENGINE_OPTIMISATION and FACEFLEET_ENGINE_TUNING_CACHE,
     * else auto and {@code ~/.facefleet/engine-tuning.json}: how the command line is told.
     */
    public EngineSettings(String executionProvider, int intraOpThreads, float scoreThreshold, float nmsThreshold,
                          long maxImagePixels) {
        this(executionProvider, intraOpThreads, scoreThreshold, nmsThreshold, maxImagePixels,
                Optimisation.parse(configured(OPTIMISATION_PROPERTY, "FACEFLEET_ENGINE_OPTIMISATION")),
                tuningCacheAt(configured(TUNING_CACHE_PROPERTY, "FACEFLEET_ENGINE_TUNING_CACHE")));
    }

    public static EngineSettings defaults() {
        return new EngineSettings("auto", 0, 0.5f, 0.4f, DEFAULT_MAX_IMAGE_PIXELS);
    }

    /** The tuning cache a setting names: blank for the default file in the user's home, {@code none} for no cache. */
    public static Path tuningCacheAt(String configured) {
        if (configured == null || configured.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".facefleet", "engine-tuning.json");
        }
        return configured.trim().equalsIgnoreCase("none") ? null : Path.of(configured.trim());
    }

    private static String configured(String property, String environmentVariable) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(environmentVariable);
    }

    public EngineSettings withIntraOpThreads(int threads) {
        return new EngineSettings(executionProvider, threads, scoreThreshold, nmsThreshold, maxImagePixels,
                optimisation, tuningCache);
    }

    public EngineSettings withExecutionProvider(String provider) {
        return new EngineSettings(provider, intraOpThreads, scoreThreshold, nmsThreshold, maxImagePixels,
                optimisation, tuningCache);
    }

    public EngineSettings withOptimisation(Optimisation level) {
        return new EngineSettings(executionProvider, intraOpThreads, scoreThreshold, nmsThreshold, maxImagePixels,
                level, tuningCache);
    }

    /** @param file where measured levels are cached; null measures at every start */
    public EngineSettings withTuningCache(Path file) {
        return new EngineSettings(executionProvider, intraOpThreads, scoreThreshold, nmsThreshold, maxImagePixels,
                optimisation, file);
    }
}
