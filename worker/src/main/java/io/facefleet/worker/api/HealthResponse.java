package io.facefleet.worker.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What this worker runs: the model pack, its embedding size, the ONNX Runtime back-end and the model files. */
public record HealthResponse(
        String status,
        @JsonProperty("model_pack") String modelPack,
        @JsonProperty("embedding_dim") int embeddingDim,
        @JsonProperty("execution_provider") String executionProvider,
        String detector,
        String recognizer) {
}
