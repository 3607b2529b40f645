package io.facefleet.common.matching;

import io.facefleet.common.store.CreatorMatch;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.EnrolledFace;
import io.facefleet.common.store.EnrolledFacesListed;

import java.util.List;
import java.util.Optional;

/**
 * Every enrolled face, held in memory to find a face's creator ({@link EnrolledFaces}): a scan of all their binary
 * codes picks the {@value #CANDIDATES} whose codes score best against the face, and their half-precision embeddings
 * compare those exactly (docs/scaling.md, "Matching compares in memory"). Over 100,000 enrolled faces the search takes
 * half a millisecond; the HNSW index needed 9 ms to find the exact creator as often.
 *
 * <p>Each search first reads the version the database gives the enrolled faces (one row, bumped in the transaction of
 * every statement that writes them). When it moved since the faces were read, the rows written since are read before
 * the search: an enrolment, a deletion or a model pack switch is seen by the next search.
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
    /** Listings in a row that may find rows written while they were read before a search gives up. */
    private static final int LISTINGS = 10;

    private final CreatorStore creators;
    private volatile EnrolledFaces loaded = EnrolledFaces.none();

    public CreatorGallery(CreatorStore creators) {
        this.creators = creators;
    }

    /** The creator with the exact nearest enrolled face among the candidates the codes give; empty if none enrolled. */
    public Optional<CreatorMatch> nearest(float[] embedding) {
        if (embedding.length < LEAST_BITS) {
            return creators.nearestByIndex(embedding);
        }
        EnrolledFaces faces = loaded;
        if (creators.embeddingsVersion() != faces.version()) {
            faces = update();
        }
        return faces.nearest(embedding, CANDIDATES);
    }

    /** The enrolled faces at the version now, from those held and the rows written since. */
    private synchronized EnrolledFaces update() {
        for (int i = 0; i < LISTINGS; i++) {
            EnrolledFacesListed listed = creators.enrolledFacesListed();
            if (listed.version() == loaded.version()) {
                return loaded;
            }
            long[] missing = loaded.missing(listed);
            // a first read, or a pack switch's: the whole table, not 100,000 ids
            List<EnrolledFace> read = 2 * missing.length > listed.ids().length ? creators.enrolledFaces()
                    : creators.enrolledFaces(missing);
            Optional<EnrolledFaces> updated = loaded.updatedTo(listed, read);
            if (updated.isPresent()) {
                loaded = updated.get();
                return loaded;
            }
        }
        throw new IllegalStateException("the enrolled faces changed while they were read, " + LISTINGS + " times");
    }
}
