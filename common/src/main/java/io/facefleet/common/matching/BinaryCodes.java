package io.facefleet.common.matching;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Embeddings reduced to their sign bits (pgvector's {@code binary_quantize}): 64 bytes for 512 dimensions instead of
 * 1 KB, compared by Hamming distance, which follows the angle between two embeddings (the expected distance is
 * {@code dimension * angle / pi}). A scan of every code finds the few embeddings worth comparing exactly: between two
 * faces of one person (cosine about 0.5) and two strangers (about 0) lie some 85 bits of 512 at a spread of 11.
 */
public final class BinaryCodes {

    private static final ThreadLocal<int[]> DISTANCES = ThreadLocal.withInitial(() -> new int[0]);

    private final int dimension;
    private final int words;
    private final long[] ids;
    private final long[] codes;

    private BinaryCodes(int dimension, long[] ids, long[] codes) {
        this.dimension = dimension;
        this.words = words(dimension);
        this.ids = ids;
        this.codes = codes;
    }

    public static BinaryCodes empty() {
        return new BinaryCodes(0, new long[0], new long[0]);
    }

    public int size() {
        return ids.length;
    }

    /** The number of bits of each code: the embeddings' dimension (0 when there are none). */
    public int dimension() {
        return dimension;
    }

    /** These codes and those others, of the same length. */
    public BinaryCodes plus(BinaryCodes more) {
        if (more.size() == 0) {
            return this;
        }
        if (size() == 0) {
            return more;
        }
        if (more.dimension != dimension) {
            throw new IllegalArgumentException("codes of " + more.dimension + " bits added to codes of " + dimension);
        }
        long[] allIds = Arrays.copyOf(ids, ids.length + more.ids.length);
        System.arraycopy(more.ids, 0, allIds, ids.length, more.ids.length);
        long[] allCodes = Arrays.copyOf(codes, codes.length + more.codes.length);
        System.arraycopy(more.codes, 0, allCodes, codes.length, more.codes.length);
        return new BinaryCodes(dimension, allIds, allCodes);
    }

    /**
     * The ids of the {@code k} codes nearest to the embedding's in Hamming distance, in no particular order (all of
     * them when there are no more than {@code k}).
     */
    public long[] nearest(float[] embedding, int k) {
        int[] positions = nearestPositions(embedding, k);
        long[] nearest = new long[positions.length];
        for (int j = 0; j < positions.length; j++) {
            nearest[j] = ids[positions[j]];
        }
        return nearest;
    }

    /** As {@link #nearest}, the positions of the codes in the order they were added. */
    public int[] nearestPositions(float[] embedding, int k) {
        int n = ids.length;
        if (n == 0) {
            return new int[0];
        }
        checkDimension(embedding);
        if (k >= n) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        // a counting selection: the distances are few (0..dimension), so no heap of the k best is needed
        int[] count = new int[dimension + 1];
        int[] distances = distances(code(embedding), count);
        int limit = 0;
        int nearer = 0;
        while (nearer + count[limit] < k) {
            nearer += count[limit++];
        }
        int[] nearest = new int[k];
        int taken = 0;
        int atLimit = k - nearer;
        for (int i = 0; i < n && taken < k; i++) {
            if (distances[i] < limit || distances[i] == limit && atLimit-- > 0) {
                nearest[taken++] = i;
            }
        }
        return nearest;
    }

    /** The id of the code at this position. */
    public long id(int position) {
        return ids[position];
    }

    /** Every id, nearest to the embedding's code first (a counting sort by distance; ties in the order stored). */
    public long[] ranked(float[] embedding) {
        if (ids.length == 0) {
            return new long[0];
        }
        checkDimension(embedding);
        int[] count = new int[dimension + 1];
        int[] distances = distances(code(embedding), count);
        // a counting sort: where each distance's codes start among the ranked
        int[] start = new int[dimension + 1];
        for (int d = 1; d < start.length; d++) {
            start[d] = start[d - 1] + count[d - 1];
        }
        long[] ranked = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ranked[start[distances[i]]++] = ids[i];
        }
        return ranked;
    }

    /**
     * Every code's distance to the probe, counted by distance, in this thread's buffer (a search allocating 0.5 MB for
     * 125,000 codes made the garbage collector pause one search in a hundred).
     */
    private int[] distances(long[] probe, int[] count) {
        int[] distances = DISTANCES.get();
        if (distances.length < ids.length) {
            distances = new int[ids.length];
            DISTANCES.set(distances);
        }
        for (int i = 0; i < ids.length; i++) {
            distances[i] = distance(probe, i);
            count[distances[i]]++;
        }
        return distances;
    }

    /** The Hamming distance between the probe's code and code i; unrolled for 512 bits, twice as fast. */
    private int distance(long[] probe, int i) {
        long[] c = codes;
        if (words == 8) {
            int o = i << 3;
            return Long.bitCount(c[o] ^ probe[0]) + Long.bitCount(c[o + 1] ^ probe[1])
                    + Long.bitCount(c[o + 2] ^ probe[2]) + Long.bitCount(c[o + 3] ^ probe[3])
                    + Long.bitCount(c[o + 4] ^ probe[4]) + Long.bitCount(c[o + 5] ^ probe[5])
                    + Long.bitCount(c[o + 6] ^ probe[6]) + Long.bitCount(c[o + 7] ^ probe[7]);
        }
        int distance = 0;
        int o = i * words;
        for (int w = 0; w < words; w++) {
            distance += Long.bitCount(c[o + w] ^ probe[w]);
        }
        return distance;
    }

    private void checkDimension(float[] embedding) {
        if (embedding.length != dimension) {
            throw new IllegalArgumentException("an embedding of " + embedding.length + " dimensions searched among"
                    + " codes of " + dimension);
        }
    }

    /** The sign bits of an embedding: bit i is set where component i is above zero, as in {@code binary_quantize}. */
    public static long[] code(float[] embedding) {
        long[] code = new long[words(embedding.length)];
        for (int i = 0; i < embedding.length; i++) {
            if (embedding[i] > 0) {
                code[i >>> 6] |= 1L << (i & 63);
            }
        }
        return code;
    }

    /** The Hamming distance between two codes of one length. */
    public static int hamming(long[] a, long[] b) {
        int distance = 0;
        for (int w = 0; w < a.length; w++) {
            distance += Long.bitCount(a[w] ^ b[w]);
        }
        return distance;
    }

    private static int words(int dimension) {
        return (dimension + 63) >>> 6;
    }

    /**
     * Collects codes as PostgreSQL sends {@code binary_quantize(embedding)} ({@code varbit_send}: the number of bits
     * as 4 bytes, then the bits, the first in the high bit of the first byte).
     */
    public static final class Builder {

        private long[] ids = new long[1024];
        private long[] codes = new long[0];
        private int dimension = -1;
        private int size;

        public Builder add(long id, byte[] sent) {
            int offset = slot(id, ByteBuffer.wrap(sent).getInt());
            for (int i = 0; i < dimension; i++) {
                if ((sent[4 + (i >>> 3)] & (0x80 >>> (i & 7))) != 0) {
                    codes[offset + (i >>> 6)] |= 1L << (i & 63);
                }
            }
            return this;
        }

        /** Adds the code of an embedding ({@link #code}). */
        public Builder add(long id, float[] embedding) {
            int offset = slot(id, embedding.length);
            long[] code = code(embedding);
            System.arraycopy(code, 0, codes, offset, code.length);
            return this;
        }

        /** Room for one more code of {@code bits} bits: where its words start. */
        private int slot(long id, int bits) {
            if (dimension < 0) {
                dimension = bits;
                codes = new long[ids.length * words(dimension)];
            } else if (bits != dimension) {
                throw new IllegalArgumentException("a code of " + bits + " bits among codes of " + dimension);
            }
            int words = words(dimension);
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                codes = Arrays.copyOf(codes, size * 2 * words);
            }
            ids[size] = id;
            return size++ * words;
        }

        public BinaryCodes build() {
            if (size == 0) {
                return empty();
            }
            return new BinaryCodes(dimension, Arrays.copyOf(ids, size), Arrays.copyOf(codes, size * words(dimension)));
        }
    }
}
