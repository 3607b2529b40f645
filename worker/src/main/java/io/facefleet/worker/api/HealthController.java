package io.facefleet.worker.api;

import io.facefleet.common.health.DatabaseHealthIndicator;
import io.facefleet.common.pack.ModelPack;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.health.JobServerHealthIndicator;
import io.facefleet.worker.health.ModelsHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET /health: what this worker runs (pack, provider, model files) and whether it can do its work — the models
 * loaded and, in a worker (not in {@code facefleet face-api}, which has neither), PostgreSQL answering and the JobRunr
 * job server running. 503 naming the failing part when one is not. The same checks make the actuator's readiness.
 */
@RestController
public class HealthController {

    private final FaceEngine engine;
    private final Map<String, HealthIndicator> checks = new LinkedHashMap<>();

    public HealthController(FaceEngine engine, ModelsHealthIndicator models,
                            ObjectProvider<DatabaseHealthIndicator> database,
                            ObjectProvider<JobServerHealthIndicator> jobServer) {
        this.engine = engine;
        checks.put("models", models);
        database.ifAvailable(check -> checks.put("database", check));
        jobServer.ifAvailable(check -> checks.put("job_server", check));
    }

    @GetMapping("/health")
    public ResponseEntity<HealthResponse> health() {
        Map<String, HealthResponse.Check> results = new LinkedHashMap<>();
        checks.forEach((name, check) -> results.put(name, HealthResponse.Check.of(check.health())));
        boolean up = results.values().stream().allMatch(HealthResponse.Check::isUp);
        ModelPack pack = engine.pack();
        HealthResponse body = new HealthResponse(up ? Status.UP.getCode() : Status.DOWN.getCode(), pack.name(),
                pack.embeddingDim(), engine.executionProvider().id(), pack.detectorFile().getFileName().toString(),
                pack.recognizerFile().getFileName().toString(), results);
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
