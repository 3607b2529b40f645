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

    /**
     * The ids of the {@code k} codes nearest to the embedding's in Hamming distance, in no particular order (all of
     * them when there are no more than {@code k}).
     */
    public long[] nearest(float[] embedding, int k) {
        if (ids.length == 0) {
            return new long[0];
        }
        if (embedding.length != dimension) {
            throw new IllegalArgumentException("an embedding of " + embedding.length + " dimensions searched among codes"
                    + " of " + dimension);
        }
        long[] probe = code(embedding);
        int n = ids.length;
        int kept = Math.min(k, n);
        // a max-heap of (distance << 32 | index): its root is the farthest code kept so far
        long[] heap = new long[kept];
        int size = 0;
        for (int i = 0; i < n; i++) {
            long entry = (long) distance(probe, i) << 32 | i;
            if (size < kept) {
                heap[size] = entry;
                siftUp(heap, size++);
            } else if (entry < heap[0]) {
                heap[0] = entry;
                siftDown(heap, kept);
            }
        }
        long[] nearest = new long[kept];
        for (int j = 0; j < kept; j++) {
            nearest[j] = ids[(int) heap[j]];
        }
        return nearest;
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

    private static void siftUp(long[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] >= heap[i]) {
                return;
            }
            swap(heap, parent, i);
            i = parent;
        }
    }

    private static void siftDown(long[] heap, int size) {
        int i = 0;
        while (true) {
            int largest = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && heap[left] > heap[largest]) {
                largest = left;
            }
            if (right < size && heap[right] > heap[largest]) {
                largest = right;
            }
            if (largest == i) {
                return;
            }
            swap(heap, largest, i);
            i = largest;
        }
    }

    private static void swap(long[] heap, int a, int b) {
        long t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
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
            int bits = ByteBuffer.wrap(sent).getInt();
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
            int offset = size * words;
            for (int i = 0; i < dimension; i++) {
                if ((sent[4 + (i >>> 3)] & (0x80 >>> (i & 7))) != 0) {
                    codes[offset + (i >>> 6)] |= 1L << (i & 63);
                }
            }
            size++;
            return this;
        }

        public BinaryCodes build() {
            if (size == 0) {
                return empty();
            }
            return new BinaryCodes(dimension, Arrays.copyOf(ids, size), Arrays.copyOf(codes, size * words(dimension)));
        }
    }
}
