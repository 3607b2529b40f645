package io.facefleet.common.store.read;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/** What PostgreSQL tells of itself, for the benchmarks: versions, settings, activity, sizes and memory. */
public class DatabaseStatistics {

    /**
     * PostgreSQL's own counters for one database (pg_stat_database): committed transactions and rows written. They
     * reach the view up to a few seconds late, which evens out over the windows a benchmark measures.
     */
    public record Activity(long commits, long rowsWritten) {

        public Activity since(Activity earlier) {
            return new Activity(commits - earlier.commits, rowsWritten - earlier.rowsWritten);
        }
    }

    /** A relation's size: its table (with TOAST) and its indexes, pretty-printed. */
    public record RelationSize(String name, String table, String indexes) {
    }

    private final JdbcClient jdbc;

    public DatabaseStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Activity activity(String database) {
        return jdbc.sql("""
                        SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database
                        WHERE datname = ?""")
                .param(database).query((rs, n) -> new Activity(rs.getLong(1), rs.getLong(2))).single();
    }

    public String serverVersion() {
        return jdbc.sql("SHOW server_version").query(String.class).single();
    }

    public String extensionVersion(String extension) {
        return jdbc.sql("SELECT extversion FROM pg_extension WHERE extname = ?").param(extension)
                .query(String.class).optional().orElse("?");
    }

    /** A setting's value; "?" where the server does not know it. */
    public String setting(String name) {
        return jdbc.sql("SELECT current_setting(?, true)").param(name).query(String.class).optional()
                .map(value -> value.isEmpty() ? "?" : value).orElse("?");
    }

    public List<RelationSize> sizes(List<String> tables) {
        return jdbc.sql("""
                        SELECT c.relname, pg_size_pretty(pg_table_size(c.oid)), pg_size_pretty(pg_indexes_size(c.oid))
                        FROM pg_class c WHERE c.relname = ANY(?) ORDER BY 1""")
                .param(tables.toArray(String[]::new))
                .query((rs, n) -> new RelationSize(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    public String relationSize(String relation) {
        return jdbc.sql("SELECT pg_size_pretty(pg_relation_size(?::regclass))").param(relation)
                .query(String.class).single();
    }

    public String databaseSize() {
        return jdbc.sql("SELECT pg_size_pretty(pg_database_size(current_database()))").query(String.class).single();
    }

    /**
     * The shared buffers each relation of this database holds (over 1 MiB), largest first, through pg_buffercache,
     * which this creates where it can.
     */
    public List<String[]> bufferUsage() {
        jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_buffercache").update();
        return jdbc.sql("""
                        SELECT c.relname, pg_size_pretty(count(*) * 8192) FROM pg_buffercache b
                        JOIN pg_class c ON b.relfilenode = pg_relation_filenode(c.oid)
                        WHERE b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
                        GROUP BY c.relname HAVING count(*) * 8192 > 1048576 ORDER BY count(*) DESC""")
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).list();
    }
}
