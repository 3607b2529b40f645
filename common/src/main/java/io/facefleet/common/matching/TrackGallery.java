package io.facefleet.common.matching;

import io.facefleet.common.store.CandidateTrack;
import io.facefleet.common.store.CandidateTracks;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.NearTrack;
import io.facefleet.common.store.TemplatesRead;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every face track template, held in memory to find the tracks nearest a face (a search by photo, the neighbours of
 * an unknown face, a rematch): a scan of all their binary codes picks the {@value #CANDIDATES} that score best
 * against the face, their bytes the best {@value #COMPARED} or more of those, and these are compared exactly, as
 * PostgreSQL would, with the templates it sends, together with every track written since the templates were read
 * (docs/scaling.md, "Nearest faces scan binary codes"). It costs 588 bytes of memory a track, and up to a quarter
 * more as room for the rows merged in later ({@link AppendOnly}): 74–92 MB at 125,000 (1M faces), where it finds
 * about 98 % of the exact ten nearest ({@code bench db} prints the figures).
 *
 * <p>The templates come with the snapshot they were read in, and each row with the transaction that wrote it (V11),
 * so a search knows exactly which rows it lacks and compares those too: a track is found from the moment its
 * transaction commits (by its own transaction, at once). Every {@link #MERGE_AFTER}, or after a search was sent more
 * than {@value #MERGE_BEYOND} of them, a search first adds those rows to the templates, and every
 * {@link #RELOAD_AFTER} another thread reads all templates again while searches go on with those they have (2 s at
 * 1M faces), which drops those of deleted tracks (until then they only take a candidate's place: the exact
 * comparison reads the rows themselves). A model pack switch is seen by the next search, which reads the templates
 * again.
 *
 * <p>Embeddings shorter than {@link CreatorGallery#LEAST_BITS} dimensions are compared with every stored template.
 */
public final class TrackGallery {

    private static final Logger log = LoggerFactory.getLogger(TrackGallery.class);

    /**
     * Tracks compared by their bytes at the least (0.5 ms with the Vector API). Among the bench's 125,000 the 2,048
     * best scored codes held 98 % of the exact ten nearest, strangers included; the 1,024 held 96 %.
     */
    static final int CANDIDATES = 2048;
    /**
     * Tracks compared exactly at the least. Among the bench's 125,000 the ten nearest of the 16 best by their bytes
     * were those of the 32 best for 400 probes of 400 (with 12: 399). Their rows take 0.4 ms to read.
     */
    static final int COMPARED = 16;
    static final Duration MERGE_AFTER = Duration.ofSeconds(5);
    /** Rows written since the templates' snapshot, sent to a search, past which the next search adds them first. */
    static final int MERGE_BEYOND = 512;
    static final Duration RELOAD_AFTER = Duration.ofMinutes(10);

    private final FaceTrackStore faceTracks;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicBoolean reloading = new AtomicBoolean();
    private volatile Loaded loaded;
    private volatile boolean mergeDue;

    public TrackGallery(FaceTrackStore faceTracks, Clock clock) {
        this.faceTracks = faceTracks;
        this.clock = clock;
    }

    /**
     * The {@code limit} stored face tracks nearest to an embedding, whatever their status, nearest first. Callers
     * filter by status and similarity.
     */
    public List<NearTrack> nearest(float[] embedding, int limit) {
        if (embedding.length < CreatorGallery.LEAST_BITS) {
            return faceTracks.nearestTracks(embedding, limit);
        }
        Loaded templates = current(embedding.length);
        CandidateTracks found = candidates(templates, embedding, limit);
        if (!found.modelPack().equals(templates.read.modelPack())) {
            found = candidates(refresh(embedding.length), embedding, limit);
        }
        if (found.unseen() > MERGE_BEYOND) {
            mergeDue = true;
        }
        return nearestOf(embedding, found.tracks(), limit);
    }

    /**
     * The codes as they are now, the rows written since they were read added first, to rank every stored face track
     * against each of a rematch's probes; the tracks written by transactions their snapshot did not see are not among
     * them ({@link FaceTrackStore#nearCreatorUnseenBy} finds those).
     */
    public Ranking ranking(int dimension) {
        // merged first: a rematch follows a pack switch, whose templates may have the dimension of the old pack's
        Loaded codes = refresh(dimension);
        reloadIfDue(codes);
        TemplatesRead templates = codes.read;
        return new Ranking(templates.templates(), templates.snapshot());
    }

    /** Stored face tracks ranked by their codes, and the snapshot the codes were read in. */
    public record Ranking(TrackTemplates templates, String snapshot) {

        /** Every track id, nearest to the embedding's code first. */
        public long[] trackIds(float[] embedding) {
            return templates.ranked(embedding);
        }
    }

    private CandidateTracks candidates(Loaded templates, float[] embedding, int limit) {
        long[] nearest = templates.read.templates().nearest(embedding, Math.max(CANDIDATES, 4 * limit),
                Math.max(COMPARED, 2 * limit));
        return faceTracks.candidatesAmong(nearest, templates.read.snapshot());
    }

    /** The {@code limit} candidates nearest to the embedding, compared exactly, nearest first. */
    static List<NearTrack> nearestOf(float[] embedding, List<CandidateTrack> candidates, int limit) {
        float[] probe = HalfVectors.probe(embedding);
        float probeNorm = HalfVectors.squaredNorm(probe);
        Map<Long, NearTrack> byId = new HashMap<>(); // a track written again since the snapshot comes twice
        for (CandidateTrack candidate : candidates) {
            short[] template = HalfVectors.fromSent(candidate.templateSent());
            if (template.length != probe.length) {
                throw new IllegalArgumentException("a template of " + template.length + " dimensions compared with"
                        + " an embedding of " + probe.length);
            }
            float similarity = (float) HalfVectors.cosine(probe, probeNorm, template, 0,
                    HalfVectors.squaredNorm(template, 0, template.length));
            byId.putIfAbsent(candidate.trackId(), new NearTrack(candidate.trackId(), candidate.videoId(), similarity,
                    candidate.status(), candidate.detScore()));
        }
        return byId.values().stream().sorted(Comparator.comparingDouble(NearTrack::similarity).reversed())
                .limit(limit).toList();
    }

    /**
     * The codes to search with: read first, or again for embeddings of another length (a pack switch); refreshed
     * when due by one search while the others go on with those they have.
     */
    private Loaded current(int dimension) {
        Loaded codes = loaded;
        if (codes == null || !codes.fit(dimension)) {
            return refresh(dimension);
        }
        reloadIfDue(codes);
        boolean due = mergeDue || clock.instant().isAfter(codes.mergedAt.plus(MERGE_AFTER));
        if (due && refreshing.tryLock()) {
            try {
                return refreshHoldingLock(dimension);
            } finally {
                refreshing.unlock();
            }
        }
        return codes;
    }

    private Loaded refresh(int dimension) {
        refreshing.lock();
        try {
            return refreshHoldingLock(dimension);
        } finally {
            refreshing.unlock();
        }
    }

    /** Read again where they do not fit, the codes of the rows written since added otherwise. */
    private Loaded refreshHoldingLock(int dimension) {
        Loaded codes = loaded;
        boolean readAgain = codes == null || !codes.fit(dimension);
        mergeDue = false;
        loaded = readAgain ? read() : merged(codes);
        return loaded;
    }

    /**
     * Starts reading every template again on another thread when {@link #RELOAD_AFTER} has passed since these were
     * read; until it has, searches and merges go on with these. What it read replaces whatever is newer then: its
     * snapshot tells the searches after it which rows it lacks.
     */
    private void reloadIfDue(Loaded codes) {
        if (!clock.instant().isAfter(codes.readAt.plus(RELOAD_AFTER)) || !reloading.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("track-templates-reload").start(() -> {
            try {
                Loaded reloaded = read();
                refreshing.lock();
                try {
                    loaded = reloaded;
                } finally {
                    refreshing.unlock();
                }
            } catch (RuntimeException e) {
                log.warn("Reading the face track templates again failed (the next search tries again): {}",
                        e.toString());
            } finally {
                reloading.set(false);
            }
        });
    }

    private Loaded read() {
        Instant now = clock.instant();
        return new Loaded(faceTracks.allTemplates(), now, now);
    }

    private Loaded merged(Loaded codes) {
        TemplatesRead unseen = faceTracks.templatesUnseenBy(codes.read.snapshot());
        if (!unseen.modelPack().equals(codes.read.modelPack())) {
            return read();
        }
        return new Loaded(new TemplatesRead(unseen.snapshot(), unseen.modelPack(),
                codes.read.templates().plus(unseen.templates())), codes.readAt, clock.instant());
    }

    private record Loaded(TemplatesRead read, Instant readAt, Instant mergedAt) {

        boolean fit(int dimension) {
            return read.templates().size() == 0 || read.templates().dimension() == dimension;
        }
    }
}
