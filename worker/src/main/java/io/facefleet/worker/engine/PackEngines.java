package io.facefleet.worker.engine;

import io.facefleet.common.pack.ModelPacks;
import io.facefleet.worker.face.FaceEngine;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * The face engine of a pack a change re-embeds the library with (docs/model-pack-change.md), loaded from this
 * worker's model folders the first time a job asks for it and kept for the next; the worker's own engine where the
 * pack is its own.
 */
@Component
public class PackEngines {

    private final FaceEngine active;
    private final EngineProperties properties;
    private FaceEngine other;
    private String otherLoadedAs;

    public PackEngines(FaceEngine active, EngineProperties properties) {
        this.active = active;
        this.properties = properties;
    }

    /** @param pack a built-in pack's name or a pack folder */
    public synchronized FaceEngine forPack(String pack) {
        if (active.pack().name().equals(pack)) {
            return active;
        }
        if (other == null || !pack.equals(otherLoadedAs)) {
            close();
            other = FaceEngine.open(ModelPacks.standard().load(pack), properties.toSettings());
            otherLoadedAs = pack;
        }
        return other;
    }

    @PreDestroy
    public synchronized void close() {
        if (other != null) {
            other.close();
            other = null;
        }
    }
}
