package io.facefleet.worker.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.util.Map;

/**
 * What this worker runs: the model pack, its embedding size, the ONNX Runtime back-end and the model files; and
 * each check with its status, and the reason where it is not UP.
 */
public record HealthResponse(
        String status,
        @JsonProperty("model_pack") String modelPack,
        @JsonProperty("embedding_dim") int embeddingDim,
        @JsonProperty("execution_provider") String executionProvider,
        String detector,
        String recognizer,
        Map<String, Check> checks) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String status, String reason) {

        static Check of(Health health) {
            Object reason = health.getDetails().get("reason");
            return new Check(health.getStatus().getCode(), reason == null ? null : reason.toString());
        }

        @JsonIgnore
        boolean isUp() {
            return Status.UP.getCode().equals(status);
        }
    }
}
