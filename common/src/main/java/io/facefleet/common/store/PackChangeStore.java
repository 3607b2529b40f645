package io.facefleet.common.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The change of the model pack (pack_changes) and the new pack's vectors staged beside the active ones
 * (face_track_reembeddings, creator_face_reembeddings); and the switch, which makes them the active ones. See
 * docs/model-pack-change.md.
 */
@Repository
public class PackChangeStore {

    private static final String CHANGE = """
            SELECT id, model_pack, load_as, embedding_dim, from_pack, match_threshold, auto_tag_threshold, status,
              started_at
            FROM pack_changes""";

    private final JdbcClient jdbc;

    public PackChangeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The change under way, if any. */
    public Optional<PackChange> open() {
        return jdbc.sql(CHANGE + " WHERE status = 'embedding'").query((rs, n) -> new PackChange(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getFloat(6), rs.getFloat(7),
                rs.getString(8), rs.getObject(9, Timestamp.class).toInstant())).optional();
    }

    /** Starts a change; the unique index pack_changes_one_open refuses a second one. */
    public PackChange start(String pack, String loadAs, int embeddingDim, String fromPack, float matchThreshold,
                            float autoTagThreshold) {
        dropStaged(); // what late jobs of an ended change left
        jdbc.sql("""
                        INSERT INTO pack_changes (model_pack, load_as, embedding_dim, from_pack, match_threshold,
                          auto_tag_threshold)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(pack, loadAs, embeddingDim, fromPack, matchThreshold, autoTagThreshold).update();
        return open().orElseThrow();
    }

    /** Ends the change under way without switching: its staged vectors are dropped. */
    public boolean abandon() {
        int ended = jdbc.sql("UPDATE pack_changes SET status = 'abandoned', ended_at = now() WHERE status = 'embedding'")
                .update();
        dropStaged();
        return ended > 0;
    }

    private void dropStaged() {
        jdbc.sql("DELETE FROM face_track_reembeddings").update();
        jdbc.sql("DELETE FROM creator_face_reembeddings").update();
    }

    /** The video's tracks without a vector staged for the change, with their sightings in time order. */
    public List<TrackToReembed> tracksToReembed(long changeId, long videoId) {
        record Row(long trackId, TrackToReembed.Sighting sighting) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT t.id, s.frame_timestamp, s.bbox
                        FROM face_tracks t JOIN video_face_sightings s ON s.track_id = t.id
                        WHERE t.video_id = ?
                          AND NOT EXISTS (SELECT 1 FROM face_track_reembeddings r
                                          WHERE r.track_id = t.id AND r.change_id = ?)
                        ORDER BY t.id, s.frame_timestamp""")
                .params(videoId, changeId)
                .query((rs, n) -> new Row(rs.getLong(1),
                        new TrackToReembed.Sighting(rs.getDouble(2), Vectors.realArray(rs, "bbox")))).list();
        Map<Long, TrackToReembed> tracks = new LinkedHashMap<>();
        for (Row row : rows) {
            tracks.computeIfAbsent(row.trackId(), id -> new TrackToReembed(id, new ArrayList<>()))
                    .sightings().add(row.sighting());
        }
        return List.copyOf(tracks.values());
    }

    /**
     * Stages a track's template under the new pack (null: its face was found at none of its sightings). A track
     * deleted meanwhile (its video processed again) is skipped; staging a track twice keeps the later vector.
     */
    public void stageTrack(long changeId, long trackId, float[] embedding, Integer embeddedFaces) {
        jdbc.sql("""
                        INSERT INTO face_track_reembeddings (track_id, change_id, embedding, embedded_faces)
                        SELECT id, ?, CAST(? AS halfvec), CAST(? AS int) FROM face_tracks WHERE id = ?
                        ON CONFLICT (track_id) DO UPDATE SET change_id = excluded.change_id,
                          embedding = excluded.embedding, embedded_faces = excluded.embedded_faces""")
                .params(changeId, embedding == null ? null : Vectors.vector(embedding), embeddedFaces, trackId)
                .update();
    }

    /** The creator's reference faces without a vector staged for the change. */
    public List<CreatorFaceToReembed> creatorFacesToReembed(long changeId, long creatorId) {
        return jdbc.sql("""
                        SELECT e.id, e.source_type, e.photo_id, e.track_id, e.crop_jpeg
                        FROM creator_face_embeddings e
                        WHERE e.creator_id = ?
                          AND NOT EXISTS (SELECT 1 FROM creator_face_reembeddings r
                                          WHERE r.embedding_id = e.id AND r.change_id = ?)
                        ORDER BY e.id""")
                .params(creatorId, changeId).query((rs, n) -> new CreatorFaceToReembed(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, Long.class), rs.getObject(4, Long.class), rs.getBytes(5))).list();
    }

    public void stageCreatorFace(long changeId, long embeddingId, float[] embedding) {
        jdbc.sql("""
                        INSERT INTO creator_face_reembeddings (embedding_id, change_id, embedding)
                        SELECT id, ?, ? FROM creator_face_embeddings WHERE id = ?
                        ON CONFLICT (embedding_id) DO UPDATE SET change_id = excluded.change_id,
                          embedding = excluded.embedding""")
                .params(changeId, Vectors.vector(embedding), embeddingId).update();
    }

    /** Creator faces from confirmed tracks take their track's new template, once it is staged. */
    public void stageConfirmedFaces(long changeId) {
        jdbc.sql("""
                        INSERT INTO creator_face_reembeddings (embedding_id, change_id, embedding)
                        SELECT e.id, r.change_id, r.embedding FROM creator_face_embeddings e
                        JOIN face_track_reembeddings r ON r.track_id = e.track_id
                        WHERE e.source_type = ? AND r.change_id = ? AND r.embedding IS NOT NULL
                        ON CONFLICT (embedding_id) DO UPDATE SET change_id = excluded.change_id,
                          embedding = excluded.embedding
                        WHERE creator_face_reembeddings.change_id <> excluded.change_id""")
                .params(CreatorStore.CONFIRMED_DETECTION, changeId).update();
    }

    /** Whether the track is there and still waits for its new template (its video's job will stage it). */
    public boolean awaitsTemplate(long changeId, long trackId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM face_tracks t WHERE t.id = ? AND NOT EXISTS
                          (SELECT 1 FROM face_track_reembeddings r WHERE r.track_id = t.id AND r.change_id = ?))""")
                .params(trackId, changeId).query(Boolean.class).single();
    }

    public PackChangeProgress progress(long changeId) {
        record Counts(long tracks, long done, long lost, long faces, long facesDone) {
        }
        Counts counts = jdbc.sql("""
                        SELECT (SELECT count(*) FROM face_tracks),
                          (SELECT count(*) FROM face_track_reembeddings WHERE change_id = :change),
                          (SELECT count(*) FROM face_track_reembeddings WHERE change_id = :change AND embedding IS NULL),
                          (SELECT count(*) FROM creator_face_embeddings),
                          (SELECT count(*) FROM creator_face_reembeddings WHERE change_id = :change)""")
                .param("change", changeId).query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5))).single();
        List<Long> videos = jdbc.sql("""
                        SELECT DISTINCT t.video_id FROM face_tracks t
                        WHERE NOT EXISTS (SELECT 1 FROM face_track_reembeddings r
                                          WHERE r.track_id = t.id AND r.change_id = ?)
                        ORDER BY t.video_id""").param(changeId).query(Long.class).list();
        List<Long> creators = jdbc.sql("""
                        SELECT DISTINCT e.creator_id FROM creator_face_embeddings e
                        WHERE NOT EXISTS (SELECT 1 FROM creator_face_reembeddings r
                                          WHERE r.embedding_id = e.id AND r.change_id = ?)
                        ORDER BY e.creator_id""").param(changeId).query(Long.class).list();
        return new PackChangeProgress(counts.tracks(), counts.done(), counts.lost(), counts.faces(),
                counts.facesDone(), videos, creators);
    }

    /** Every video with face tracks: what a change re-embeds. */
    public List<Long> videosWithTracks() {
        return jdbc.sql("SELECT DISTINCT video_id FROM face_tracks ORDER BY video_id").query(Long.class).list();
    }

    /** Every creator with reference faces. */
    public List<Long> creatorsWithFaces() {
        return jdbc.sql("SELECT DISTINCT creator_id FROM creator_face_embeddings ORDER BY creator_id")
                .query(Long.class).list();
    }

    /**
     * Makes the change's pack the active one; call inside a transaction holding the {@link MatchingLock}
     * exclusively, with every vector staged ({@link PackChangeProgress#complete()}). The embedding columns take the
     * new dimension and the staged vectors, the creators' HNSW index is built again, tracks the new pack found no face
     * in are deleted, pending photo searches (embedded with the old pack) are dropped, facefleet_meta names the new
     * pack and the thresholds become the new pack's. Every match no person decided on is undone: the caller
     * re-tags and queues the rematches that match again with the new pack.
     *
     * @return the tracks deleted
     */
    public int switchTo(PackChange change) {
        String type = "halfvec(" + change.embeddingDim() + ")";
        int lost = jdbc.sql("""
                        DELETE FROM face_tracks t USING face_track_reembeddings r
                        WHERE r.track_id = t.id AND r.change_id = ? AND r.embedding IS NULL""")
                .param(change.id()).update();
        replaceVectors("face_track_embeddings", "track_id", "face_track_reembeddings", "track_id", type, change);
        jdbc.sql("UPDATE face_tracks t SET embedded_faces = r.embedded_faces"
                + " FROM face_track_reembeddings r WHERE r.track_id = t.id AND r.change_id = ?").param(change.id())
                .update();
        replaceVectors("creator_face_embeddings", "id", "creator_face_reembeddings", "embedding_id", type, change);
        jdbc.sql("DELETE FROM photo_searches WHERE embedding IS NOT NULL").update();
        jdbc.sql("ALTER TABLE photo_searches ALTER COLUMN embedding TYPE " + type + " USING NULL").update();
        jdbc.sql("UPDATE facefleet_meta SET model_pack = ?, embedding_dim = ?")
                .params(change.pack(), change.embeddingDim()).update();
        jdbc.sql("""
                        UPDATE face_recognition_config SET match_threshold = ?, auto_tag_threshold = ?,
                          updated_at = now()""")
                .params(change.matchThreshold(), change.autoTagThreshold()).update();
        jdbc.sql("""
                        UPDATE face_tracks SET match_status = 'unmatched', matched_creator_id = NULL,
                          match_confidence = NULL
                        WHERE match_status = ANY(CAST(? AS text[]))""")
                .param(MatchRule.db(MatchRule.UNDECIDED)).update();
        jdbc.sql("UPDATE pack_changes SET status = 'switched', ended_at = now() WHERE id = ?").param(change.id())
                .update();
        dropStaged();
        return lost;
    }

    /**
     * The table's embedding column becomes the new type holding the change's staged vectors, and its HNSW index, where
     * it has one, is built again as the migrations defined it. The type change cannot read another table, so the column is emptied
     * and filled from the staging table (with the index dropped meanwhile: every row's update would be an insert).
     */
    private void replaceVectors(String table, String key, String staging, String stagingKey, String type,
                                PackChange change) {
        // the face tracks' templates have no index since V12
        String index = jdbc.sql("SELECT pg_get_indexdef(to_regclass(?))").param(table + "_hnsw")
                .query(String.class).optional().orElse(null);
        if (index != null) {
            jdbc.sql("DROP INDEX " + table + "_hnsw").update();
        }
        jdbc.sql("ALTER TABLE " + table + " ALTER COLUMN embedding DROP NOT NULL, ALTER COLUMN embedding TYPE " + type
                + " USING NULL").update();
        jdbc.sql("UPDATE " + table + " t SET embedding = r.embedding::" + type + " FROM " + staging + " r"
                + " WHERE r." + stagingKey + " = t." + key + " AND r.change_id = ?").param(change.id()).update();
        jdbc.sql("ALTER TABLE " + table + " ALTER COLUMN embedding SET NOT NULL").update();
        if (index != null) {
            jdbc.sql(index).update();
        }
    }
}
