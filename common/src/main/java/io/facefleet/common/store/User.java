package io.facefleet.common.store;

/** A person who signs in to the dashboard; the password only as its hash. */
public record User(long id, String name, String passwordHash, Role role) {
}
