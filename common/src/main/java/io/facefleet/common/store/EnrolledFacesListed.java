package io.facefleet.common.store;

/**
 * Every enrolled face's id, ascending, and the transaction that last wrote its row ({@code xmin}), with the version of
 * the enrolled faces ({@code creator_embeddings_version}), all as one statement saw them: a copy held in memory knows
 * which of its rows are still current.
 */
public record EnrolledFacesListed(long version, long[] ids, long[] writtenBy) {
}
