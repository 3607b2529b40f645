package io.facefleet.common.store;

import java.time.Instant;

public record Creator(long id, String name, Instant createdAt) {
}
