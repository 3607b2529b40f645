package io.facefleet.scheduler.security;

import io.facefleet.common.store.ApiToken;
import io.facefleet.common.store.ApiTokenStore;
import io.facefleet.common.store.Role;

import java.util.List;
import java.util.Optional;

/** Making, checking, listing and revoking the API's bearer tokens; the token itself exists only in the answer. */
public final class ApiTokens {

    private final ApiTokenStore store;

    public ApiTokens(ApiTokenStore store) {
        this.store = store;
    }

    /** A new token: shown to its owner once, stored only as its hash. */
    public record Issued(long id, String token) {
    }

    public Issued create(String name, Role role) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("A token needs a name of 1 to 200 characters");
        }
        String token = BearerTokens.generate();
        return new Issued(store.create(name.strip(), role, BearerTokens.hash(token)), token);
    }

    /** The unrevoked token this is, looked up at every call (no cache: a revoked token fails at once). */
    public Optional<ApiToken> authenticate(String token) {
        return store.findActive(BearerTokens.hash(token));
    }

    public List<ApiToken> list() {
        return store.list();
    }

    public boolean revoke(long id) {
        return store.revoke(id);
    }
}
