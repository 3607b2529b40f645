package io.facefleet.common.store;

import java.time.Instant;

/** A bearer token as stored: its name, role and when it was made and revoked (null while it works), never itself. */
public record ApiToken(long id, String name, Role role, Instant createdAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
