package io.facefleet.worker.face;

/** A detected face with its L2-normalised embedding. */
public record Face(DetectedFace detection, float[] embedding) {

    public float cosineSimilarity(Face other) {
        return Embeddings.cosine(embedding, other.embedding);
    }
}
