package io.facefleet.scheduler.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL's own counters for one database (pg_stat_database): committed transactions and rows written. They
 * reach the view up to a few seconds late, which evens out over the windows the benchmark measures.
 */
record DatabaseActivity(long commits, long rowsWritten) {

    static DatabaseActivity read(JdbcClient jdbc, String database) {
        return jdbc.sql("""
                        SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database
                        WHERE datname = ?""")
                .param(database).query((rs, n) -> new DatabaseActivity(rs.getLong(1), rs.getLong(2))).single();
    }

    DatabaseActivity since(DatabaseActivity earlier) {
        return new DatabaseActivity(commits - earlier.commits, rowsWritten - earlier.rowsWritten);
    }
}
