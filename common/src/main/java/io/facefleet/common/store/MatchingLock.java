package io.facefleet.common.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A PostgreSQL transaction-level advisory lock between storing a video's matched faces (shared) and adding a
 * creator's embeddings (exclusive). Without it a video could be matched before a new creator's embedding
 * commits and stored after that creator's rematch looked, leaving its faces unmatched.
 */
@Component
public class MatchingLock {

    private static final long KEY = 0x46616365666C6565L; // "Facefleet"

    private final JdbcClient jdbc;

    public MatchingLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Held until the current transaction ends. */
    public void shared() {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(?)").param(KEY).query(Object.class).single();
    }

    /** Held until the current transaction ends. */
    public void exclusive() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(KEY).query(Object.class).single();
    }
}
