package io.facefleet.common.matching;

import io.facefleet.common.store.CreatorMatch;
import io.facefleet.common.store.CreatorStore;

import java.util.Optional;

/**
 * Every enrolled face's binary code, held in memory to find a face's creator: a scan of all codes picks the
 * {@value #CANDIDATES} nearest enrolled faces, and PostgreSQL compares those exactly (docs/scaling.md, "Matching
 * scans binary codes"). Over 100,000 enrolled faces the scan takes a fraction of a millisecond, where the HNSW
 * index needed 9 ms to find the exact creator as often.
 *
 * <p>Each search first reads the version the database gives the enrolled faces (one row, bumped in the transaction of
 * every statement that writes them) and loads all codes again when it moved: an enrolment, a deletion or a model pack
 * switch is seen by the next search. A face deleted since the load drops out in the exact comparison, which reads
 * the rows themselves.
 */
public final class CreatorGallery {

    /**
     * Enrolled faces compared exactly. A face's exact nearest creator was among the 10 nearest codes for every one of
     * 500 probes over 100,000 enrolled faces (bench/db/creator-codes.sql); 64 leave a wide margin for real embeddings,
     * which spread less evenly than the benchmark's, and cost 0.2 ms to compare.
     */
    static final int CANDIDATES = 64;

    private final CreatorStore creators;
    private volatile Loaded loaded = new Loaded(-1, BinaryCodes.empty());

    public CreatorGallery(CreatorStore creators) {
        this.creators = creators;
    }

    /** The creator with the exact nearest enrolled face among the candidates the codes give; empty if none enrolled. */
    public Optional<CreatorMatch> nearest(float[] embedding) {
        long[] candidates = current().nearest(embedding, CANDIDATES);
        return candidates.length == 0 ? Optional.empty() : creators.nearestAmong(embedding, candidates);
    }

    /** The codes of the enrolled faces as the database has them now, loaded again if they changed. */
    public BinaryCodes current() {
        long version = creators.embeddingsVersion();
        Loaded seen = loaded;
        if (seen.version == version) {
            return seen.codes;
        }
        synchronized (this) {
            if (loaded.version != version) {
                // read after the version: rows written since then come with a newer version, seen by the next search
                loaded = new Loaded(version, creators.embeddingCodes());
            }
            return loaded.codes;
        }
    }

    private record Loaded(long version, BinaryCodes codes) {
    }
}
