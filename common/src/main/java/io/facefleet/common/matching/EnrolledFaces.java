package io.facefleet.common.matching;

import io.facefleet.common.store.CreatorMatch;
import io.facefleet.common.store.EnrolledFace;
import io.facefleet.common.store.EnrolledFacesListed;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Every enrolled face in a worker's memory, as one version of the enrolled faces holds them: its binary code, which a
 * scan of all of them ranks against a face, and its embedding in half precision as PostgreSQL stores it, which
 * compares the best of those exactly. About 1.1 KB a face for 512 dimensions: 110 MB at 100,000.
 *
 * <p>A new version is made from the old one and only the rows written since ({@link #missing}, {@link #updatedTo}):
 * an enrolment of 5 faces reads 5 embeddings, not 100,000.
 */
public final class EnrolledFaces {

    private final long version;
    private final int dimension;
    private final long[] ids;
    private final long[] writtenBy;
    private final long[] creatorIds;
    private final short[] halves;
    private final float[] norms;
    private final BinaryCodes codes;

    private EnrolledFaces(long version, int dimension, long[] ids, long[] writtenBy, long[] creatorIds,
                          short[] halves, float[] norms, BinaryCodes codes) {
        this.version = version;
        this.dimension = dimension;
        this.ids = ids;
        this.writtenBy = writtenBy;
        this.creatorIds = creatorIds;
        this.halves = halves;
        this.norms = norms;
        this.codes = codes;
    }

    /** None, at a version no database has. */
    public static EnrolledFaces none() {
        return new EnrolledFaces(-1, 0, new long[0], new long[0], new long[0], new short[0], new float[0],
                BinaryCodes.empty());
    }

    /** The version of the enrolled faces these are ({@code creator_embeddings_version}). */
    public long version() {
        return version;
    }

    public int size() {
        return ids.length;
    }

    /**
     * The creator with the exact nearest enrolled face (cosine, as pgvector computes it for {@code halfvec}) among the
     * {@code candidates} whose codes score best against the embedding; empty if none is enrolled.
     */
    public Optional<CreatorMatch> nearest(float[] embedding, int candidates) {
        if (ids.length == 0) {
            return Optional.empty();
        }
        int[] positions = codes.nearestPositions(embedding, candidates);
        float[] probe = HalfVectors.probe(embedding);
        float probeNorm = HalfVectors.squaredNorm(probe);
        int best = -1;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        for (int position : positions) {
            double similarity = HalfVectors.cosine(probe, probeNorm, halves, position * dimension,
                    norms[position]);
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = position;
            }
        }
        if (best < 0) { // an embedding of zeros: no cosine, as in PostgreSQL
            return Optional.empty();
        }
        return Optional.of(new CreatorMatch(creatorIds[best], (float) bestSimilarity));
    }

    /** The ids of the listed faces these do not hold as they are now: new ones, and those written again. */
    public long[] missing(EnrolledFacesListed listed) {
        long[] listedIds = listed.ids();
        return IntStream.range(0, listedIds.length)
                .filter(i -> !holds(listedIds[i], listed.writtenBy()[i]))
                .mapToLong(i -> listedIds[i]).toArray();
    }

    /**
     * The listed faces at the listed version: those held as they are, the {@link #missing} ones from what was read of
     * them. Empty when a missing face was not read as listed (written or deleted in between): list them again.
     */
    public Optional<EnrolledFaces> updatedTo(EnrolledFacesListed listed, List<EnrolledFace> read) {
        Map<Long, EnrolledFace> readById = new HashMap<>();
        read.forEach(face -> readById.put(face.id(), face));
        Builder faces = new Builder(listed.version(), listed.ids().length);
        for (int i = 0; i < listed.ids().length; i++) {
            long id = listed.ids()[i];
            long writer = listed.writtenBy()[i];
            int held = Arrays.binarySearch(ids, id);
            if (held >= 0 && writtenBy[held] == writer) {
                faces.add(this, held);
                continue;
            }
            EnrolledFace face = readById.get(id);
            if (face == null || face.writtenBy() != writer) {
                return Optional.empty();
            }
            faces.add(face);
        }
        return Optional.of(faces.build());
    }

    private boolean holds(long id, long writer) {
        int held = Arrays.binarySearch(ids, id);
        return held >= 0 && writtenBy[held] == writer;
    }

    /** Faces added in ascending order of their ids. */
    private static final class Builder {

        private final long version;
        private final long[] ids;
        private final long[] writtenBy;
        private final long[] creatorIds;
        private final float[] norms;
        private final BinaryCodes.Builder codes = new BinaryCodes.Builder();
        private short[] halves;
        private int dimension = -1;
        private int size;

        Builder(long version, int capacity) {
            this.version = version;
            this.ids = new long[capacity];
            this.writtenBy = new long[capacity];
            this.creatorIds = new long[capacity];
            this.norms = new float[capacity];
        }

        /** A face as it is held at this position of others. */
        void add(EnrolledFaces held, int position) {
            int at = slot(held.dimension);
            System.arraycopy(held.halves, position * dimension, halves, at * dimension, dimension);
            ids[at] = held.ids[position];
            writtenBy[at] = held.writtenBy[position];
            creatorIds[at] = held.creatorIds[position];
            norms[at] = held.norms[position];
            codes.add(held.ids[position], held.codes, position);
        }

        /** A face as it was read. */
        void add(EnrolledFace face) {
            short[] embedding = HalfVectors.fromSent(face.halfvecSent());
            int at = slot(embedding.length);
            float[] values = HalfVectors.floats(embedding);
            System.arraycopy(embedding, 0, halves, at * dimension, dimension);
            ids[at] = face.id();
            writtenBy[at] = face.writtenBy();
            creatorIds[at] = face.creatorId();
            norms[at] = HalfVectors.squaredNorm(values);
            codes.add(face.id(), values);
        }

        private int slot(int faceDimension) {
            if (dimension < 0) {
                dimension = faceDimension;
                halves = new short[ids.length * dimension];
            } else if (faceDimension != dimension) {
                throw new IllegalArgumentException("an enrolled face of " + faceDimension + " dimensions among"
                        + " faces of " + dimension);
            }
            return size++;
        }

        EnrolledFaces build() {
            if (size == 0) {
                return new EnrolledFaces(version, 0, new long[0], new long[0], new long[0], new short[0], new float[0],
                        BinaryCodes.empty());
            }
            return new EnrolledFaces(version, dimension, ids, writtenBy, creatorIds, halves, norms, codes.build());
        }
    }
}
