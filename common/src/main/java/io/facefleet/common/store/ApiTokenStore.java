package io.facefleet.common.store;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * The API's bearer tokens (table {@code api_tokens}), by the SHA-256 of the token. Every request looks its token up
 * here, uncached, so a revoked token stops working with the next request.
 */
@Repository
public class ApiTokenStore {

    private static final RowMapper<ApiToken> TOKEN = (rs, n) -> new ApiToken(rs.getLong("id"), rs.getString("name"),
            Role.of(rs.getString("role")), rs.getTimestamp("created_at").toInstant(),
            Optional.ofNullable(rs.getTimestamp("revoked_at")).map(Timestamp::toInstant).orElse(null));

    private final JdbcClient jdbc;

    public ApiTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long create(String name, Role role, byte[] tokenHash) {
        return jdbc.sql("INSERT INTO api_tokens (name, role, token_hash) VALUES (?, ?, ?) RETURNING id")
                .params(name, role.id(), tokenHash).query(Long.class).single();
    }

    /** The token with this hash, unless it was revoked. */
    public Optional<ApiToken> findActive(byte[] tokenHash) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL").param(tokenHash)
                .query(TOKEN).optional();
    }

    public List<ApiToken> list() {
        return jdbc.sql("SELECT * FROM api_tokens ORDER BY id").query(TOKEN).list();
    }

    /** Whether a token that worked until now was revoked. */
    public boolean revoke(long id) {
        return jdbc.sql("UPDATE api_tokens SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL").param(id)
                .update() == 1;
    }
}
