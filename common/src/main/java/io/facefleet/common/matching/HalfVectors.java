package io.facefleet.common.matching;

import java.nio.ByteBuffer;

/**
 * Embeddings as pgvector's {@code halfvec} holds them, compared as pgvector compares them: the exact comparison of the
 * few candidates the scans leave, done where they are held instead of in PostgreSQL.
 */
final class HalfVectors {

    private HalfVectors() {
    }

    /** {@code halfvec_send}: the dimension and a reserved word (2 bytes each), then each component's half float. */
    static short[] fromSent(byte[] sent) {
        ByteBuffer buffer = ByteBuffer.wrap(sent);
        short[] halves = new short[buffer.getShort()];
        buffer.getShort();
        for (int i = 0; i < halves.length; i++) {
            halves[i] = buffer.getShort();
        }
        return halves;
    }

    /** The halves' values. */
    static float[] floats(short[] halves) {
        float[] values = new float[halves.length];
        for (int i = 0; i < halves.length; i++) {
            values[i] = Float.float16ToFloat(halves[i]);
        }
        return values;
    }

    /** The embedding as a {@code halfvec} parameter holds it: each component rounded to a half float. */
    static float[] probe(float[] embedding) {
        float[] probe = new float[embedding.length];
        for (int i = 0; i < embedding.length; i++) {
            probe[i] = Float.float16ToFloat(Float.floatToFloat16(embedding[i]));
        }
        return probe;
    }

    static float squaredNorm(float[] probe) {
        float norm = 0;
        for (float x : probe) {
            norm += x * x;
        }
        return norm;
    }

    static float squaredNorm(short[] halves, int offset, int dimension) {
        float norm = 0;
        for (int i = offset; i < offset + dimension; i++) {
            float x = Float.float16ToFloat(halves[i]);
            norm += x * x;
        }
        return norm;
    }

    /**
     * The cosine similarity of a {@link #probe} with the halves at {@code offset}, as pgvector computes it for
     * {@code halfvec} ({@code 1 - (a <=> b)}): sums in float, the division in double, clamped to [-1, 1].
     */
    static double cosine(float[] probe, float probeNorm, short[] halves, int offset, float norm) {
        float dot = 0;
        for (int i = 0; i < probe.length; i++) {
            dot += probe[i] * Float.float16ToFloat(halves[offset + i]);
        }
        double similarity = dot / Math.sqrt((double) probeNorm * norm);
        return Math.max(-1, Math.min(1, similarity));
    }
}
