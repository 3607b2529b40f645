package io.facefleet.common.matching;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Embeddings reduced to their sign bits (pgvector's {@code binary_quantize}): 64 bytes for 512 dimensions instead of
 * 1 KB. A scan of every code finds the few embeddings worth comparing exactly. It compares each code with the probe
 * itself, at 4 bits a component ({@link #nibbleSums}), not with the probe's code: the sum of the probe's components
 * where the code's bit is set follows the cosine within about 0.03, where the Hamming distance between two codes
 * wanders 0.07 (11 bits of 512). Among the bench's 125,000 face tracks the 2,048 best scores hold 98 % of the exact
 * ten nearest, where the 4,096 nearest in Hamming distance held 92 % (docs/scaling.md, "Codes scored against the
 * probe").
 */
public final class BinaryCodes {

    private static final ThreadLocal<int[]> SCORES = ThreadLocal.withInitial(() -> new int[0]);
    private static final ThreadLocal<int[]> COUNTS = ThreadLocal.withInitial(() -> new int[0]);
    /** The probe's levels: -8..7 steps of its largest component / 7.5. */
    private static final int LEVELS = 16;
    /** The values of 4 bits of a code: a nibble. */
    static final int NIBBLES = 16;
    /**
     * Codes are stored in blocks of this many, byte by byte: the first bytes of a block's codes, then their second
     * bytes, and so on. A vector of 16 bytes then holds one byte of 16 codes, and a scan looks their nibbles' sums up
     * side by side ({@link Kernels#codeScores}).
     */
    static final int BLOCK = 16;
    /** The longest code: its scores, at most 8 a bit, fit in the shorts the vector kernel sums them in. */
    static final int MOST_BITS = 4096;

    private final int dimension;
    private final int bytes;
    private final int size;
    /** Room for more past {@link #size}, which {@link #plus} may fill in place ({@link AppendOnly}). */
    private final long[] ids;
    private final byte[] codes;
    private final AppendOnly arrays;

    private BinaryCodes(int dimension, int size, long[] ids, byte[] codes, AppendOnly arrays) {
        this.dimension = dimension;
        this.bytes = bytes(dimension);
        this.size = size;
        this.ids = ids;
        this.codes = codes;
        this.arrays = arrays;
    }

    private BinaryCodes(int dimension, long[] ids, byte[] codes) {
        this(dimension, ids.length, ids, codes, new AppendOnly(ids.length));
    }

    public static BinaryCodes empty() {
        return new BinaryCodes(0, new long[0], new byte[0]);
    }

    public int size() {
        return size;
    }

    /** The number of bits of each code: the embeddings' dimension (0 when there are none). */
    public int dimension() {
        return dimension;
    }

    /**
     * These codes and those others, of the same length: added in place where these are the newest of their arrays
     * and there is room ({@link AppendOnly}); this view goes on holding what it held.
     */
    public BinaryCodes plus(BinaryCodes more) {
        if (more.size == 0) {
            return this;
        }
        if (size == 0) {
            return more;
        }
        if (more.dimension != dimension) {
            throw new IllegalArgumentException("codes of " + more.dimension + " bits added to codes of " + dimension);
        }
        int total = size + more.size;
        if (arrays.claim(size, more.size, ids.length)) {
            copy(more, ids, codes);
            return new BinaryCodes(dimension, total, ids, codes, arrays);
        }
        int room = AppendOnly.grown(total);
        long[] allIds = Arrays.copyOf(ids, room);
        byte[] allCodes = Arrays.copyOf(codes, blocks(room) * BLOCK * bytes);
        copy(more, allIds, allCodes);
        return new BinaryCodes(dimension, total, allIds, allCodes, new AppendOnly(total));
    }

    /** Writes the other codes after these into the arrays: past {@link #size}, where no view of them reads. */
    private void copy(BinaryCodes more, long[] intoIds, byte[] intoCodes) {
        System.arraycopy(more.ids, 0, intoIds, size, more.size);
        for (int i = 0; i < more.size; i++) {
            for (int k = 0; k < bytes; k++) {
                intoCodes[at(size + i, k, bytes)] = more.codes[at(i, k, bytes)];
            }
        }
    }

    /**
     * The ids of the {@code k} codes that score best against the embedding, in no particular order (all of them when
     * there are no more than {@code k}).
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
        int n = size;
        if (n == 0) {
            return new int[0];
        }
        checkDimension(embedding);
        if (k >= n) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        // a counting selection: the distances are few (0..15 dimension), so no heap of the k best is needed
        int[] count = counts();
        int[] distances = distances(embedding, count);
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

    /** Every id, best scored against the embedding first (a counting sort; ties in the order stored). */
    public long[] ranked(float[] embedding) {
        if (size == 0) {
            return new long[0];
        }
        checkDimension(embedding);
        int[] count = counts();
        int[] distances = distances(embedding, count);
        // a counting sort: where each distance's codes start among the ranked
        int[] start = new int[count.length];
        for (int d = 1; d < start.length; d++) {
            start[d] = start[d - 1] + count[d - 1];
        }
        long[] ranked = new long[size];
        for (int i = 0; i < size; i++) {
            ranked[start[distances[i]]++] = ids[i];
        }
        return ranked;
    }

    /**
     * Every code's distance to the probe: the best score any code could have less its own, so the best comes first.
     * Counted by distance, in this thread's buffers (a search allocating 0.5 MB for 125,000 codes made the garbage
     * collector pause one search in a hundred).
     */
    private int[] distances(float[] embedding, int[] count) {
        int[] distances = SCORES.get();
        if (distances.length < blocks(size) * BLOCK) {
            distances = new int[blocks(size) * BLOCK];
            SCORES.set(distances);
        }
        Kernels.best().codeScores(codes, bytes, blocks(size), nibbleSums(embedding), distances);
        int best = (LEVELS / 2 - 1) * dimension;
        for (int i = 0; i < size; i++) {
            distances[i] = best - distances[i];
            count[distances[i]]++;
        }
        return distances;
    }

    /** A count for each distance, all 0, in this thread's buffer (30 KB for 512 dimensions). */
    private int[] counts() {
        int[] count = COUNTS.get();
        if (count.length != (LEVELS - 1) * dimension + 1) {
            count = new int[(LEVELS - 1) * dimension + 1];
            COUNTS.set(count);
        } else {
            Arrays.fill(count, 0);
        }
        return count;
    }

    /**
     * The embedding at 4 bits a component, as the codes are scored against it: each component as a level of -8..7
     * steps (a step is the largest component / 7.5), summed 4 components at a time. Entry {@code 16 q + v} is the sum
     * of the levels of components {@code 4q..4q+3} whose bit is set in {@code v} (-32..28, a byte): the score a code
     * with nibble {@code v} at nibble {@code q} gets there (nibble 2k is the low half of byte k). A code's score is the
     * sum of its nibbles' entries: the sum of the levels where its bits are set.
     */
    static byte[] nibbleSums(float[] embedding) {
        int[] levels = new int[8 * bytes(embedding.length)]; // 0 past the last component, as the codes' bits are
        float largest = 0;
        for (float x : embedding) {
            largest = Math.max(largest, Math.abs(x));
        }
        float step = largest == 0 ? 1 : largest / (LEVELS / 2 - 0.5f);
        for (int i = 0; i < embedding.length; i++) {
            levels[i] = Math.clamp(Math.round(embedding[i] / step), -LEVELS / 2, LEVELS / 2 - 1);
        }
        byte[] sums = new byte[levels.length / 4 * NIBBLES];
        for (int q = 0; q < levels.length / 4; q++) {
            for (int v = 0; v < NIBBLES; v++) {
                int sum = 0;
                for (int bit = 0; bit < 4; bit++) {
                    sum += (v >> bit & 1) * levels[4 * q + bit];
                }
                sums[q * NIBBLES + v] = (byte) sum;
            }
        }
        return sums;
    }

    private void checkDimension(float[] embedding) {
        if (embedding.length != dimension) {
            throw new IllegalArgumentException("an embedding of " + embedding.length + " dimensions searched among"
                    + " codes of " + dimension);
        }
    }

    /**
     * Bytes a code: one bit a component, bit {@code i & 7} of byte {@code i / 8}, rounded up to an even number of
     * bytes (the vector kernel sums two bytes' nibbles at a time).
     */
    private static int bytes(int dimension) {
        return (dimension + 15) / 16 * 2;
    }

    private static int blocks(int codes) {
        return (codes + BLOCK - 1) / BLOCK;
    }

    /** Where byte k of code i lies in the blocked layout ({@link #BLOCK}). */
    private static int at(int i, int k, int bytes) {
        return (i / BLOCK * bytes + k) * BLOCK + i % BLOCK;
    }

    /**
     * Collects codes as PostgreSQL sends {@code binary_quantize(embedding)} ({@code varbit_send}: the number of bits
     * as 4 bytes, then the bits, the first in the high bit of the first byte).
     */
    public static final class Builder {

        private long[] ids = new long[1024];
        private byte[] codes = new byte[0];
        private int dimension = -1;
        private int size;

        public Builder add(long id, byte[] sent) {
            int position = slot(id, ByteBuffer.wrap(sent).getInt());
            for (int i = 0; i < dimension; i++) {
                if ((sent[4 + (i >>> 3)] & (0x80 >>> (i & 7))) != 0) {
                    setBit(position, i);
                }
            }
            return this;
        }

        /** Adds the sign bits of an embedding: bit i set where component i is above zero ({@code binary_quantize}). */
        public Builder add(long id, float[] embedding) {
            int position = slot(id, embedding.length);
            for (int i = 0; i < embedding.length; i++) {
                if (embedding[i] > 0) {
                    setBit(position, i);
                }
            }
            return this;
        }

        /** Adds the code at this position of other codes. */
        public Builder add(long id, BinaryCodes from, int position) {
            int at = slot(id, from.dimension);
            for (int k = 0; k < from.bytes; k++) {
                codes[at(at, k, from.bytes)] = from.codes[at(position, k, from.bytes)];
            }
            return this;
        }

        /** Sets bit i of the code at this position: bit {@code i & 7} of its byte {@code i / 8}. */
        private void setBit(int position, int i) {
            codes[at(position, i >>> 3, bytes(dimension))] |= (byte) (1 << (i & 7));
        }

        /** Room for one more code of {@code bits} bits: its position. */
        private int slot(long id, int bits) {
            if (dimension < 0) {
                if (bits > MOST_BITS) {
                    throw new IllegalArgumentException("codes of " + bits + " bits: at most " + MOST_BITS);
                }
                dimension = bits;
                codes = new byte[ids.length * bytes(dimension)];
            } else if (bits != dimension) {
                throw new IllegalArgumentException("a code of " + bits + " bits among codes of " + dimension);
            }
            if (size == ids.length) { // a multiple of BLOCK, as the codes' layout needs
                ids = Arrays.copyOf(ids, size * 2);
                codes = Arrays.copyOf(codes, size * 2 * bytes(dimension));
            }
            ids[size] = id;
            return size++;
        }

        public BinaryCodes build() {
            if (size == 0) {
                return empty();
            }
            return new BinaryCodes(dimension, Arrays.copyOf(ids, size),
                    Arrays.copyOf(codes, blocks(size) * BLOCK * bytes(dimension)));
        }
    }
}
