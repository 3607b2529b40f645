package io.facefleet.common.store;

/**
 * An enrolled face as matching holds it in memory: its creator, the transaction that last wrote its row
 * ({@code xmin}), and its embedding as PostgreSQL sends a {@code halfvec} ({@code halfvec_send}).
 */
public record EnrolledFace(long id, long writtenBy, long creatorId, byte[] halfvecSent) {
}
