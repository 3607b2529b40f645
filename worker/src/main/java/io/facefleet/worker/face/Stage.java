package io.facefleet.worker.face;

/** The steps of the pipeline whose time {@link StageTimings} adds up. */
public enum Stage {
    DECODE("decode"),
    DETECTION("detection (pre/post-processing + model)"),
    DETECTOR_MODEL("  detector model run (ONNX Runtime)"),
    ALIGN_AND_EMBED("alignment + recognition"),
    RECOGNIZER_MODEL("  recognizer model run (ONNX Runtime)");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
