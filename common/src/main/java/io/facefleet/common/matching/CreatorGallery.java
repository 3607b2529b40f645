package io.facefleet.common.matching;

import io.facefleet.common.store.CreatorMatch;
import io.facefleet.common.store.CreatorMatchAmong;
import io.facefleet.common.store.CreatorStore;

import java.util.Optional;

/**
 * Every enrolled face's binary code, held in memory to find a face's creator: a scan of all codes picks the
 * {@value #CANDIDATES} nearest enrolled faces, and PostgreSQL compares those exactly (docs/scaling.md, "Matching
 * scans binary codes"). Over 100,000 enrolled faces the scan takes half a millisecond, where the HNSW index needed
 * 9 ms to find the exact creator as often.
 *
 * <p>The exact comparison also reads the version the database gives the enrolled faces (one row, bumped in the
 * transaction of every statement that writes them). When it moved since the codes were loaded, the codes are loaded
 * again and the search repeated: an enrolment, a deletion or a model pack switch is seen by the next search. A face
 * deleted since the load drops out in the exact comparison, which reads the rows themselves.
 */
public final class CreatorGallery {

    /**
     * Enrolled faces compared exactly. A face's exact nearest enrolled face ranked at worst 5th among 100,000 by its
     * code, for 200 probes (bench/db/creator-codes.sql); 64 leave a wide margin for real embeddings, which spread
     * less evenly than the benchmark's, and cost 0.2 ms to compare.
     */
    static final int CANDIDATES = 64;

    private final CreatorStore creators;
    private volatile Loaded loaded = new Loaded(-1, BinaryCodes.empty());

    public CreatorGallery(CreatorStore creators) {
        this.creators = creators;
    }

    /** The creator with the exact nearest enrolled face among the candidates the codes give; empty if none enrolled. */
    public Optional<CreatorMatch> nearest(float[] embedding) {
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
