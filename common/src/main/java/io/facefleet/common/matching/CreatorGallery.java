package io.facefleet.common.matching;

import io.facefleet.common.store.CreatorMatch;
import io.facefleet.common.store.CreatorMatchAmong;
import io.facefleet.common.store.CreatorStore;

import java.util.Optional;

/**
 * Every enrolled face's binary code, held in memory to find a face's creator: a scan of all codes picks the
 * {@value #CANDIDATES} enrolled faces whose codes score best against the face, and PostgreSQL compares those exactly
 * (docs/scaling.md, "Matching scans binary codes"). Over 100,000 enrolled faces the scan takes half a millisecond,
 * where the HNSW index needed 9 ms to find the exact creator as often.
 *
 * <p>The exact comparison also reads the version the database gives the enrolled faces (one row, bumped in the
 * transaction of every statement that writes them). When it moved since the codes were loaded, the codes are loaded
 * again and the search repeated: an enrolment, a deletion or a model pack switch is seen by the next search. A face
 * deleted since the load drops out in the exact comparison, which reads the rows themselves.
 *
 * <p>Codes of fewer than {@value #LEAST_BITS} bits do not hold the exact creator among their nearest: with the 128-d
 * pack dev-128, 45 of 4,969 LFW faces had another creator than the exact one with 64 candidates, 7 with 256
 * ({@code facefleet eval codes}); with dev-512, 1 and 0. Embeddings that short are matched through the creators'
 * HNSW index, as before the codes, which needs the caller's transaction.
 */
public final class CreatorGallery {

    /**
     * Enrolled faces compared exactly. Among 4,979 real LFW faces (dev-512, {@code facefleet eval codes}) a face's
     * exact nearest other face ranked at median 0 and at worst 6th by its code's score, and 16 candidates already gave
     * the exact creator for all 4,969 faces that have one (by Hamming distance: worst 83rd, and 1 face wrong with 64).
     * Among the bench's 100,000 enrolled faces the exact nearest ranked at worst 5th even by Hamming distance.
     */
    static final int CANDIDATES = 32;
    /** The shortest embeddings matched by their codes; shorter ones are matched through the HNSW index. */
    static final int LEAST_BITS = 512;

    private final CreatorStore creators;
    private volatile Loaded loaded = new Loaded(-1, BinaryCodes.empty());

    public CreatorGallery(CreatorStore creators) {
        this.creators = creators;
    }

    /** The creator with the exact nearest enrolled face among the candidates the codes give; empty if none enrolled. */
    public Optional<CreatorMatch> nearest(float[] embedding) {
        if (embedding.length < LEAST_BITS) {
            return creators.nearestByIndex(embedding);
        }
        Loaded codes = loaded;
        CreatorMatchAmong found = creators.nearestAmong(embedding, codes.codes.nearest(embedding, CANDIDATES));
        if (found.embeddingsVersion() == codes.version) {
            return found.match();
        }
        // Chosen among stale codes. The second search may see a newer version again: an enrolment committed during
        // it, as if it had come a moment after this search, which its rematch then covers.
        codes = reload();
        return creators.nearestAmong(embedding, codes.codes.nearest(embedding, CANDIDATES)).match();
    }

    private synchronized Loaded reload() {
        long version = creators.embeddingsVersion();
        if (loaded.version != version) {
            // read after the version: rows written since then come with a newer version, seen by a later search
            loaded = new Loaded(version, creators.embeddingCodes());
        }
        return loaded;
    }

    private record Loaded(long version, BinaryCodes codes) {
    }
}
