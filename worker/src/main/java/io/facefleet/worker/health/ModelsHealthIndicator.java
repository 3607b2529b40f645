package io.facefleet.worker.health;

import io.facefleet.worker.face.FaceEngine;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The {@code models} part of readiness: the face engine's detector and recognizer are loaded. */
@Component("modelsHealthIndicator")
public class ModelsHealthIndicator implements HealthIndicator {

    private final FaceEngine engine;

    public ModelsHealthIndicator(FaceEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        if (!engine.isOpen()) {
            return Health.down().withDetail("reason", "the models of pack " + engine.pack().name() + " are closed")
                    .build();
        }
        return Health.up().build();
    }
}
