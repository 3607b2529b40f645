package io.facefleet.worker.face;

import java.util.Comparator;

/** A detected face with its L2-normalised embedding. */
public record Face(DetectedFace detection, float[] embedding) {

    /** Larger faces first; of two the same size, the more confident. */
    public static final Comparator<Face> MOST_PROMINENT_FIRST =
            Comparator.comparingDouble((Face f) -> f.detection().area()).reversed()
                    .thenComparing(Comparator.comparingDouble((Face f) -> f.detection().score()).reversed());

    public float cosineSimilarity(Face other) {
        return Embeddings.cosine(embedding, other.embedding);
    }
}
