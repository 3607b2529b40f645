package io.facefleet.worker.engine;

import io.facefleet.worker.face.EngineSettings;
import io.facefleet.worker.face.Optimisation;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The face engine's settings, under {@code facefleet.engine}. The model pack is {@code facefleet.model-pack},
 * shared with the scheduler and checked against the database.
 *
 * @param executionProvider auto, rocm, migraphx, cuda or cpu
 * @param intraOpThreads    ONNX Runtime threads per model run; 0 lets ONNX Runtime decide
 * @param scoreThreshold    detections below this score are dropped
 * @param nmsThreshold      overlap (IoU) above which the weaker of two boxes is dropped
 * @param maxImagePixels    images larger than this are refused before they are decoded
 * @param optimisation      ONNX Runtime graph optimisation level per model: auto (measured once per host and
 *                          cached), measure (again), basic, extended, layout or all
 * @param tuningCache       the file caching measured levels: blank for ~/.facefleet/engine-tuning.json, none for
 *                          no cache (measure at every start)
 */
@ConfigurationProperties("facefleet.engine")
public record EngineProperties(
        @DefaultValue("auto") String executionProvider,
        @DefaultValue("0") int intraOpThreads,
        @DefaultValue("0.5") float scoreThreshold,
        @DefaultValue("0.4") float nmsThreshold,
        @DefaultValue("50000000") long maxImagePixels,
        @DefaultValue("auto") String optimisation,
        @DefaultValue("") String tuningCache) {

    public EngineProperties {
        require(intraOpThreads >= 0, "intra-op-threads must be 0 (let ONNX Runtime decide) or more");
        require(scoreThreshold >= 0 && scoreThreshold <= 1, "score-threshold must be between 0 and 1");
        require(nmsThreshold >= 0 && nmsThreshold <= 1, "nms-threshold must be between 0 and 1");
        require(maxImagePixels > 0, "max-image-pixels must be positive");
        Optimisation.parse(optimisation);
    }

    public EngineSettings toSettings() {
        return new EngineSettings(executionProvider, intraOpThreads, scoreThreshold, nmsThreshold, maxImagePixels,
                Optimisation.parse(optimisation), EngineSettings.tuningCacheAt(tuningCache));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("facefleet.engine." + message);
        }
    }
}
