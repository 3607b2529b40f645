package io.facefleet.scheduler.reembed;

import io.facefleet.common.db.RecordedPack;
import io.facefleet.common.store.PackChange;
import io.facefleet.common.store.PackChangeProgress;

import java.time.Instant;
import java.util.Optional;

/**
 * The active model pack and the change under way, as the API and {@code facefleet reembed} show them.
 *
 * @param change null when none is under way
 */
public record PackChangeStatus(String modelPack, int embeddingDim, Change change) {

    /** @param ready whether everything is re-embedded: the switch can go ahead */
    public record Change(String pack, int embeddingDim, Instant startedAt, long tracks, long tracksDone,
                         long tracksNotFound, long creatorFaces, long creatorFacesDone, int videosMissing,
                         int creatorsMissing, boolean ready) {
    }

    static PackChangeStatus of(RecordedPack active, Optional<PackChange> change,
                               Optional<PackChangeProgress> progress) {
        return new PackChangeStatus(active.name(), active.embeddingDim(), change.flatMap(c -> progress.map(p ->
                new Change(c.pack(), c.embeddingDim(), c.startedAt(), p.tracks(), p.tracksDone(), p.tracksLost(),
                        p.creatorFaces(), p.creatorFacesDone(), p.videosMissing().size(), p.creatorsMissing().size(),
                        p.complete()))).orElse(null));
    }
}
