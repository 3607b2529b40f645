package io.facefleet.scheduler.reembed;

import io.facefleet.common.db.RecordedPack;
import io.facefleet.common.jobs.RematchQueue;
import io.facefleet.common.jobs.ReembedQueue;
import io.facefleet.common.pack.ModelPackException;
import io.facefleet.common.pack.ModelPackManifest;
import io.facefleet.common.pack.ModelPacks;
import io.facefleet.common.store.MatchingLock;
import io.facefleet.common.store.PackChange;
import io.facefleet.common.store.PackChangeProgress;
import io.facefleet.common.store.PackChangeStore;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStore;
import io.facefleet.scheduler.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Changing the library's model pack (docs/model-pack-change.md): start a change (queues the re-embedding of every
 * face track and creator face with the new pack; starting it again queues what is still missing), see how far it
 * got, switch to the new pack once everything is re-embedded, or abandon it.
 */
@Service
public class PackChanges {

    private static final Logger log = LoggerFactory.getLogger(PackChanges.class);

    private final PackChangeStore changes;
    private final ReembedQueue reembedding;
    private final RematchQueue rematches;
    private final MatchingLock matchingLock;
    private final TagStore tags;
    private final VideoStore videos;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;

    public PackChanges(PackChangeStore changes, ReembedQueue reembedding, RematchQueue rematches,
                       MatchingLock matchingLock, TagStore tags, VideoStore videos, TransactionTemplate transactions,
                       JdbcClient jdbc) {
        this.changes = changes;
        this.reembedding = reembedding;
        this.rematches = rematches;
        this.matchingLock = matchingLock;
        this.tags = tags;
        this.videos = videos;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** Starts re-embedding the library with {@code pack}, or queues again what a change to it still misses. */
    public PackChangeStatus start(String pack) {
        if (pack == null || pack.isBlank()) {
            throw ApiException.badRequest("Name the model pack to re-embed the library with, e.g. {\"pack\": \"dev-128\"}");
        }
        ModelPackManifest manifest;
        try {
            manifest = ModelPacks.standard().manifest(pack.strip());
        } catch (ModelPackException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        PackChange change = transactions.execute(tx -> {
            matchingLock.exclusive(); // one start at a time, and no switch meanwhile
            var open = changes.open();
            if (open.isPresent()) {
                if (!open.get().pack().equals(manifest.name())) {
                    throw ApiException.conflict("A change to model pack " + open.get().pack() + " is under way:"
                            + " switch to it or abandon it first (facefleet reembed --switch | --abandon)");
                }
                return open.get();
            }
            String active = activePack().name();
            if (active.equals(manifest.name())) {
                throw ApiException.badRequest("The library already uses model pack " + active);
            }
            return changes.start(manifest.name(), pack.strip(), manifest.recognizer().embeddingDim(), active,
                    manifest.thresholds().match(), manifest.thresholds().autoTag());
        });
        PackChangeProgress progress = changes.progress(change.id());
        reembedding.videos(change, progress.videosMissing());
        reembedding.creators(change, progress.creatorsMissing());
        log.info("Re-embedding with model pack {}: queued {} videos and {} creators", change.pack(),
                progress.videosMissing().size(), progress.creatorsMissing().size());
        return status();
    }

    public PackChangeStatus status() {
        var open = changes.open();
        return PackChangeStatus.of(activePack(), open, open.map(change -> changes.progress(change.id())));
    }

    /**
     * Makes the new pack the active one, in one transaction under the matching lock (no video is matched and no
     * creator enrolled meanwhile); then every creator's rematch matches the library again with the new pack's
     * vectors and thresholds. Refused while anything is not re-embedded yet.
     */
    public PackChangeStatus switchNow() {
        record Switched(PackChange change, int lost, List<Long> creators) {
        }
        Switched switched = transactions.execute(tx -> {
            matchingLock.exclusive();
            PackChange change = changes.open().orElseThrow(() -> ApiException.conflict(
                    "No change of model pack is under way: start one with facefleet reembed --pack PACK"));
            PackChangeProgress progress = changes.progress(change.id());
            if (!progress.complete()) {
                throw ApiException.conflict(String.format(java.util.Locale.ROOT, "Not everything is re-embedded"
                                + " with %s yet: %d of %d face tracks and %d of %d creator faces. Wait for the jobs,"
                                + " or queue what is missing again with facefleet reembed --pack %s",
                        change.pack(), progress.tracksDone(), progress.tracks(), progress.creatorFacesDone(),
                        progress.creatorFaces(), change.pack()));
            }
            List<Long> creators = changes.creatorsWithFaces();
            int lost = changes.switchTo(change);
            tags.refreshTags(videos.all().stream().map(Video::id).toList());
            return new Switched(change, lost, creators);
        });
        switched.creators().forEach(rematches::now);
        log.info("Switched to model pack {} ({}-d, thresholds {} / {}): {} face tracks the new pack found no face in"
                        + " were deleted; rematching {} creators", switched.change().pack(),
                switched.change().embeddingDim(), switched.change().matchThreshold(),
                switched.change().autoTagThreshold(), switched.lost(), switched.creators().size());
        return status();
    }

    public PackChangeStatus abandon() {
        boolean abandoned = Boolean.TRUE.equals(transactions.execute(tx -> {
            matchingLock.exclusive();
            return changes.abandon();
        }));
        if (!abandoned) {
            throw ApiException.conflict("No change of model pack is under way");
        }
        return status();
    }

    private RecordedPack activePack() {
        return RecordedPack.read(jdbc).orElseThrow();
    }
}
