package io.facefleet.common.store;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The people who sign in to the dashboard (table {@code users}). Passwords arrive here already hashed. */
@Repository
public class UserStore {

    private static final RowMapper<User> USER = (rs, n) -> new User(rs.getLong("id"), rs.getString("name"),
            rs.getString("password_hash"), Role.of(rs.getString("role")), rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    public UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> find(String name) {
        return jdbc.sql("SELECT * FROM users WHERE name = ?").param(name).query(USER).optional();
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users)").query(Boolean.class).single();
    }

    public List<User> list() {
        return jdbc.sql("SELECT * FROM users ORDER BY name").query(USER).list();
    }

    /** Adds the user unless one of that name exists; whether it was added. */
    public boolean createIfAbsent(String name, String passwordHash, Role role) {
        return jdbc.sql("INSERT INTO users (name, password_hash, role) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")
                .params(name, passwordHash, role.id()).update() == 1;
    }

    /** Whether there was such a user. */
    public boolean setPassword(String name, String passwordHash) {
        return jdbc.sql("UPDATE users SET password_hash = ? WHERE name = ?").params(passwordHash, name).update() == 1;
    }

    /** Removes the user unless it is the last admin, who alone can add users back; whether it was removed. */
    public boolean deleteUnlessLastAdmin(String name) {
        return jdbc.sql("""
                        DELETE FROM users WHERE name = ?
                          AND (role <> 'admin' OR (SELECT count(*) FROM users WHERE role = 'admin') > 1)""")
                .param(name).update() == 1;
    }
}
