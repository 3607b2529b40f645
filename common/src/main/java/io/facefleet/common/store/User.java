package io.facefleet.common.store;

import java.time.Instant;

/** A person who signs in to the dashboard; the password only as its hash. */
public record User(long id, String name, String passwordHash, Role role, Instant createdAt) {
}
