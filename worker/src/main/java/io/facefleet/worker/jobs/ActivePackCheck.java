package io.facefleet.worker.jobs;

import io.facefleet.common.db.RecordedPack;
import io.facefleet.common.pack.ModelPackException;
import io.facefleet.worker.face.FaceEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses a job that would store or compare this worker's embeddings once the database has switched to another
 * pack (facefleet reembed --switch): the job fails with the reason and JobRunr retries it, on a worker of the new
 * pack where there is one. A worker started with {@code auto} adopts the new pack when it restarts.
 */
@Component
public class ActivePackCheck {

    private final JdbcClient jdbc;
    private final FaceEngine engine;

    public ActivePackCheck(JdbcClient jdbc, FaceEngine engine) {
        this.jdbc = jdbc;
        this.engine = engine;
    }

    public void check() {
        String mine = engine.pack().name();
        RecordedPack.read(jdbc).filter(recorded -> !recorded.name().equals(mine)).ifPresent(recorded -> {
            throw new ModelPackException("This worker embeds faces with model pack " + mine + ", but the database"
                    + " now uses " + recorded.name() + " (" + recorded.embeddingDim() + "-d) since a switch"
                    + " (facefleet reembed --switch): restart the worker with --pack auto or " + recorded.name());
        });
    }
}
