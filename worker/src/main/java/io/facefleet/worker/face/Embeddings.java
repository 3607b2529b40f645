package io.facefleet.worker.face;

/** Arithmetic on embedding vectors. */
public final class Embeddings {

    private Embeddings() {
    }

    public static float[] l2Normalised(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        float norm = (float) Math.sqrt(sum);
        float[] result = new float[vector.length];
        if (norm == 0) {
            return result;
        }
        for (int i = 0; i < vector.length; i++) {
            result[i] = vector[i] / norm;
        }
        return result;
    }

    /** Cosine similarity of two vectors that are already L2-normalised: their dot product. */
    public static float cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Embeddings of different dimensions: " + a.length + " and " + b.length);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return (float) dot;
    }
}
