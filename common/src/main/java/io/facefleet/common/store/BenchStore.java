package io.facefleet.common.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statements only the database benchmark ({@code facefleet bench db}) runs, on a database of its own: bulk loads
 * of synthetic creators and videos, and table maintenance between the phases. The product's own reads and writes
 * stay in the tables' stores.
 */
public class BenchStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    public BenchStore(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Creators by name, as one batch; the ids of the first {@code count} creators, in order. */
    public List<Long> creators(List<String> names, boolean insert, int count) {
        if (insert) {
            batches.batchUpdate("INSERT INTO creators (name) VALUES (?)",
                    names.stream().map(name -> new Object[]{name}).toList());
        }
        return jdbc.sql("SELECT id FROM creators ORDER BY id LIMIT ?").param(count).query(Long.class).list();
    }

    /**
     * Photo embeddings of creators as one bulk load: the HNSW index is dropped first and built once afterwards,
     * not row by row.
     *
     * @return the seconds the inserts took and those the index build took
     */
    public double[] bulkEmbeddings(Map<Long, List<float[]>> byCreator) {
        long t = System.nanoTime();
        List<Object[]> rows = new ArrayList<>();
        byCreator.forEach((creator, embeddings) -> embeddings.forEach(e -> rows.add(new Object[]{creator,
                Vectors.vector(e)})));
        String index = jdbc.sql("SELECT pg_get_indexdef('creator_face_embeddings_hnsw'::regclass)")
                .query(String.class).single();
        jdbc.sql("DROP INDEX creator_face_embeddings_hnsw").update();
        batches.batchUpdate("INSERT INTO creator_face_embeddings (creator_id, embedding, source_type)"
                + " VALUES (?, ?, 'photo')", rows);
        double loaded = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        jdbc.sql(index).update();
        analyzeCreatorFaces();
        return new double[]{loaded, (System.nanoTime() - t) / 1e9};
    }

    /** Videos already processed (120 s, sampled every 2 s), as one batch; every video's id, in order. */
    public List<Long> processedVideos(long count) {
        List<Object[]> rows = new ArrayList<>();
        for (long v = 0; v < count; v++) {
            rows.add(new Object[]{"/bench/video-" + v + ".mp4"});
        }
        batches.batchUpdate("""
                INSERT INTO videos (path, size_bytes, mtime, duration_seconds, status, sample_interval_seconds)
                VALUES (?, 1000000, now(), 120, 'done', 2)""", rows);
        return videoIds();
    }

    public List<Long> videoIds() {
        return jdbc.sql("SELECT id FROM videos ORDER BY id").query(Long.class).list();
    }

    public long maxTrackId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM face_tracks").query(Long.class).single();
    }

    /** The creator each track names now (matched, pending or confirmed), null where none. */
    public Map<Long, Long> namedCreators(java.util.Collection<Long> trackIds) {
        Map<Long, Long> creators = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT id, CASE WHEN match_status IN ('matched', 'pending', 'confirmed') THEN matched_creator_id
                        END FROM face_tracks WHERE id = ANY(?)""")
                .param(trackIds.toArray(Long[]::new))
                .query(rs -> {
                    long c = rs.getLong(2);
                    creators.put(rs.getLong(1), rs.wasNull() ? null : c);
                });
        return creators;
    }

    /**
     * The tracks as the seed stored them, for its rematch as a baseline: embeddings in full precision
     * ({@code vector}, 2 KB each, which PostgreSQL moves out of the row), in a table of their own.
     */
    public void seedTracks(int dim) {
        jdbc.sql("DROP TABLE IF EXISTS seed_face_tracks").update();
        jdbc.sql("""
                CREATE TABLE seed_face_tracks AS SELECT t.id, t.video_id, t.match_status, e.embedding::vector(%d) AS embedding
                FROM face_tracks t JOIN face_track_embeddings e ON e.track_id = t.id""".formatted(dim)).update();
        jdbc.sql("ANALYZE seed_face_tracks").update();
    }

    /** The seed's rematch on its storage ({@link #seedTracks}): every undecided track against every embedding. */
    public List<TrackCandidate> seedCrossJoin(long creatorId, MatchRule rule) {
        return jdbc.sql("""
                        SELECT d.id, d.video_id, max(1 - (d.embedding <=> e.embedding::vector)) AS similarity
                        FROM seed_face_tracks d CROSS JOIN creator_face_embeddings e
                        WHERE e.creator_id = :creator AND d.match_status = ANY(CAST(:undecided AS text[]))
                          AND NOT EXISTS (SELECT 1 FROM track_rejections r
                                          WHERE r.track_id = d.id AND r.creator_id = :creator)
                        GROUP BY d.id, d.video_id
                        HAVING max(1 - (d.embedding <=> e.embedding::vector)) >= :threshold""")
                .param("creator", creatorId).param("undecided", MatchRule.db(MatchRule.UNDECIDED))
                .param("threshold", (double) rule.matchThreshold())
                .query((rs, n) -> new TrackCandidate(rs.getLong(1), rs.getLong(2), rs.getFloat(3))).list();
    }

    public void vacuumAnalyzeTracks() {
        jdbc.sql("VACUUM ANALYZE face_tracks").update();
        jdbc.sql("VACUUM ANALYZE face_track_embeddings").update();
        jdbc.sql("VACUUM ANALYZE video_face_sightings").update();
    }

    /** Writes every dirty page out now (superuser or pg_checkpoint). */
    public void checkpoint() {
        jdbc.sql("CHECKPOINT").update();
    }

    public void analyzeCreatorFaces() {
        jdbc.sql("ANALYZE creator_face_embeddings").update();
    }
}
