package io.facefleet.worker.engine;

import io.facefleet.common.pack.ModelPackException;
import io.facefleet.common.pack.ModelPacks;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a model pack that cannot be loaded at start-up into a short report instead of a stack trace. */
public class ModelPackFailureAnalyzer extends AbstractFailureAnalyzer<ModelPackException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelPackException cause) {
        return new FailureAnalysis(
                "The face engine's model pack cannot be used: " + cause.getMessage(),
                "Set facefleet.model-pack to a built-in pack (" + String.join(", ", ModelPacks.builtInNames())
                        + ") or to a folder that holds a " + ModelPacks.MANIFEST_FILE
                        + ", and make sure its model files are present (facefleet models download <pack>).",
                cause);
    }
}
