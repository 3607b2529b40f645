package io.facefleet.scheduler.bench;

import java.util.Random;

/**
 * Embeddings that cluster like real faces: a person's centre is a random direction, and each of their faces is the
 * centre plus noise of norm {@link #NOISE}, normalised (cosine ≈ 0.7 to the centre, ≈ 0.5 between two faces).
 */
final class SyntheticEmbeddings {

    /** |noise| giving cosine 0.7 to the centre: 1 / sqrt(1 + r²). */
    static final float NOISE = 1.0202f;

    private final Random random;
    private final int dimension;

    SyntheticEmbeddings(Random random, int dimension) {
        this.random = random;
        this.dimension = dimension;
    }

    float[] centre() {
        return unit(gaussian());
    }

    float[] face(float[] centre) {
        float[] v = gaussian();
        float scale = NOISE / (float) Math.sqrt(dimension);
        for (int i = 0; i < v.length; i++) {
            v[i] = centre[i] + v[i] * scale;
        }
        return unit(v);
    }

    private float[] gaussian() {
        float[] v = new float[dimension];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
