package io.facefleet.worker.face;

/**
 * How the face engine runs.
 *
 * @param executionProvider auto, rocm, migraphx, cuda or cpu
 * @param intraOpThreads    ONNX Runtime threads per model run; 0 lets ONNX Runtime decide
 * @param scoreThreshold    detections below this score are dropped
 * @param nmsThreshold      overlap (IoU) above which the weaker of two boxes is dropped
 * @param maxImagePixels    images larger than this are refused before they are decoded
 */
public record EngineSettings(String executionProvider, int intraOpThreads, float scoreThreshold,
                             float nmsThreshold, long maxImagePixels) {

    public static final long DEFAULT_MAX_IMAGE_PIXELS = 50_000_000L;

    public static EngineSettings defaults() {
        return new EngineSettings("auto", 0, 0.5f, 0.4f, DEFAULT_MAX_IMAGE_PIXELS);
    }

    public EngineSettings withIntraOpThreads(int threads) {
        return new EngineSettings(executionProvider, threads, scoreThreshold, nmsThreshold, maxImagePixels);
    }

    public EngineSettings withExecutionProvider(String provider) {
        return new EngineSettings(provider, intraOpThreads, scoreThreshold, nmsThreshold, maxImagePixels);
    }
}
