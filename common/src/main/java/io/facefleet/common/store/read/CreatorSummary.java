package io.facefleet.common.store.read;

import java.time.Instant;

/** A creator in the list: how many photos, enrolled faces and tagged videos they have. */
public record CreatorSummary(long id, String name, Instant createdAt, int photoCount, int embeddingCount,
                             int videoCount) {
}
