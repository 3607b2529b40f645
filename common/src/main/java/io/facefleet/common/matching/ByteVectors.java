package io.facefleet.common.matching;

import java.util.Arrays;

/**
 * Embeddings normalised and reduced to one signed byte a component (each scaled so that its largest component is
 * ±127): 512 bytes for 512 dimensions, a quarter of the half-precision row. Comparing a few thousand in memory tells
 * which few dozen are worth comparing exactly: the similarity it gives is within a few thousandths of the cosine.
 */
public final class ByteVectors {

    private final int dimension;
    private final int size;
    /** Room for more past {@link #size}, which {@link #plus} may fill in place ({@link AppendOnly}). */
    private final byte[] values;
    private final float[] scales;
    private final AppendOnly arrays;

    private ByteVectors(int dimension, int size, byte[] values, float[] scales, AppendOnly arrays) {
        this.dimension = dimension;
        this.size = size;
        this.values = values;
        this.scales = scales;
        this.arrays = arrays;
    }

    private ByteVectors(int dimension, byte[] values, float[] scales) {
        this(dimension, scales.length, values, scales, new AppendOnly(scales.length));
    }

    public static ByteVectors empty() {
        return new ByteVectors(0, new byte[0], new float[0]);
    }

    public int size() {
        return size;
    }

    /** The probe of {@link #similarity}: the embedding normalised and reduced as the stored ones are. */
    public static byte[] probe(float[] embedding) {
        byte[] bytes = new byte[embedding.length];
        quantise(embedding, bytes, 0);
        return bytes;
    }

    /**
     * The similarity of the vector at this position to the probe, in units that keep the order of cosine
     * similarities to that probe (the probe's own scale is left out).
     */
    public float similarity(int position, byte[] probe) {
        return Kernels.best().dot(values, position * dimension, probe) * scales[position];
    }

    /**
     * These vectors and those others, of the same dimension: added in place where these are the newest of their
     * arrays and there is room ({@link AppendOnly}); this view goes on holding what it held.
     */
    public ByteVectors plus(ByteVectors more) {
        if (more.size == 0) {
            return this;
        }
        if (size == 0) {
            return more;
        }
        if (more.dimension != dimension) {
            throw new IllegalArgumentException("vectors of " + more.dimension + " dimensions added to " + dimension);
        }
        int total = size + more.size;
        if (arrays.claim(size, more.size, scales.length)) {
            copy(more, values, scales);
            return new ByteVectors(dimension, total, values, scales, arrays);
        }
        int room = AppendOnly.grown(total);
        byte[] allValues = Arrays.copyOf(values, room * dimension);
        float[] allScales = Arrays.copyOf(scales, room);
        copy(more, allValues, allScales);
        return new ByteVectors(dimension, total, allValues, allScales, new AppendOnly(total));
    }

    /** Writes the other vectors after these into the arrays: past {@link #size}, where no view of them reads. */
    private void copy(ByteVectors more, byte[] intoValues, float[] intoScales) {
        System.arraycopy(more.values, 0, intoValues, size * dimension, more.size * dimension);
        System.arraycopy(more.scales, 0, intoScales, size, more.size);
    }

    /** Writes the unit embedding's bytes at {@code offset}; returns the scale of one step (the largest / 127). */
    private static float quantise(float[] embedding, byte[] into, int offset) {
        double norm = 0;
        float largest = 0;
        for (float x : embedding) {
            norm += x * x;
            largest = Math.max(largest, Math.abs(x));
        }
        if (largest == 0) {
            return 0;
        }
        float step = largest / 127;
        for (int i = 0; i < embedding.length; i++) {
            into[offset + i] = (byte) Math.round(embedding[i] / step);
        }
        return (float) (step / Math.sqrt(norm));
    }

    public static final class Builder {

        private byte[] values = new byte[0];
        private float[] scales = new float[1024];
        private int dimension = -1;
        private int size;

        public Builder add(float[] embedding) {
            if (dimension < 0) {
                dimension = embedding.length;
                values = new byte[scales.length * dimension];
            } else if (embedding.length != dimension) {
                throw new IllegalArgumentException("an embedding of " + embedding.length + " dimensions among "
                        + dimension);
            }
            if (size == scales.length) {
                scales = Arrays.copyOf(scales, size * 2);
                values = Arrays.copyOf(values, size * 2 * dimension);
            }
            scales[size] = quantise(embedding, values, size * dimension);
            size++;
            return this;
        }

        public ByteVectors build() {
            if (size == 0) {
                return empty();
            }
            return new ByteVectors(dimension, Arrays.copyOf(values, size * dimension), Arrays.copyOf(scales, size));
        }
    }
}
