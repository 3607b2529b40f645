package io.facefleet.common.store;

import io.facefleet.common.matching.TrackTemplates;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

@Repository
public class FaceTrackStore {

    private static final int BATCH = 500;

    /** The templates written by a transaction the snapshot {@code :snapshot} does not see (V11). */
    private static final String UNSEEN = "track_embeddings_unseen_by(CAST(:snapshot AS pg_snapshot))";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    public FaceTrackStore(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Replaces every face track of a video with its template and sightings, so that running a video again never
     * duplicates its rows. The tables are written as JDBC batches (multi-row INSERTs where the connection rewrites
     * them). The templates have a table of their own, never updated (V8), with no vector index (V12): storing a track
     * costs B-tree inserts only.
     */
    public void replace(long videoId, List<NewFaceTrack> tracks) {
        jdbc.sql("DELETE FROM face_tracks WHERE video_id = ?").param(videoId).update();
        if (tracks.isEmpty()) {
            return;
        }
        List<Long> ids = jdbc.sql("SELECT nextval('face_tracks_id_seq') FROM generate_series(1, ?)")
                .param(tracks.size()).query(Long.class).list();
        record Track(long id, NewFaceTrack track) {
        }
        record Sighting(long trackId, NewSighting sighting) {
        }
        List<Track> rows = new ArrayList<>(tracks.size());
        List<Sighting> sightings = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            rows.add(new Track(ids.get(i), tracks.get(i)));
            for (NewSighting s : tracks.get(i).sightings()) {
                sightings.add(new Sighting(ids.get(i), s));
            }
        }
        batches.batchUpdate("""
                        INSERT INTO face_tracks (id, video_id, frame_timestamp, bbox, det_score, landmarks,
                          matched_creator_id, match_confidence, match_status, crop_jpeg, first_seen_seconds,
                          last_seen_seconds, sightings, embedded_faces)
                        VALUES (?, ?, ?, ?::real[], ?, ?::real[], ?, ?, ?, ?, ?, ?, ?, ?)""",
                rows, BATCH, (ps, row) -> {
                    NewFaceTrack t = row.track();
                    setAll(ps, row.id(), videoId, t.frameTimestamp(), Vectors.realArray(t.bbox()), t.detScore(),
                            Vectors.realArray(t.landmarks()), t.creatorId(), t.confidence(), t.status().db(),
                            t.cropJpeg(), t.firstSeenSeconds(), t.lastSeenSeconds(), t.sightings().size(),
                            t.embeddedFaces());
                });
        batches.batchUpdate("INSERT INTO face_track_embeddings (track_id, embedding) VALUES (?, ?)",
                rows, BATCH, (ps, row) -> setAll(ps, row.id(), Vectors.vector(row.track().embedding())));
        batches.batchUpdate("""
                        INSERT INTO video_face_sightings (track_id, frame_timestamp, bbox, det_score)
                        VALUES (?, ?, ?::real[], ?)""",
                sightings, BATCH, (ps, row) -> setAll(ps, row.trackId(), row.sighting().frameTimestamp(),
                        Vectors.realArray(row.sighting().bbox()), row.sighting().detScore()));
    }

    private static void setAll(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }

    /** Face tracks of the video: the rows a search for nearest tracks looks at. */
    public int count(long videoId) {
        return jdbc.sql("SELECT count(*) FROM face_tracks WHERE video_id = ?").param(videoId)
                .query(Integer.class).single();
    }

    /** Faces sampled in the video: the sightings of all its tracks. */
    public int sightingCount(long videoId) {
        return jdbc.sql("""
                        SELECT count(*) FROM video_face_sightings s JOIN face_tracks d ON d.id = s.track_id
                        WHERE d.video_id = ?""").param(videoId).query(Integer.class).single();
    }

    /**
     * The {@code limit} stored face tracks nearest to an embedding, whatever their status, nearest first, compared
     * exactly with every template (a scan of the table): the search for embeddings too short for binary codes
     * (TrackGallery searches the others). Callers filter by status and similarity.
     */
    public List<NearTrack> nearestTracks(float[] embedding, int limit) {
        return jdbc.sql("""
                        SELECT t.id, t.video_id, 1 - n.distance AS similarity, t.match_status, t.det_score
                        FROM (SELECT track_id, embedding <=> :e AS distance FROM face_track_embeddings
                              ORDER BY embedding <=> :e LIMIT :limit) n
                          JOIN face_tracks t ON t.id = n.track_id
                        ORDER BY n.distance""")
                .param("e", Vectors.vector(embedding)).param("limit", limit)
                .query((rs, n) -> new NearTrack(rs.getLong(1), rs.getLong(2), rs.getFloat(3),
                        MatchStatus.fromDb(rs.getString(4)), rs.getFloat(5))).list();
    }

    /**
     * Every face track template as a process holds it in memory ({@link TrackTemplates}), read in one statement with
     * the statement's snapshot: they are exactly the rows written by the transactions that snapshot sees.
     */
    public TemplatesRead allTemplates() {
        return read("face_track_embeddings", Map.of());
    }

    /**
     * The templates written by transactions the snapshot did not see, and which this statement sees, with this
     * statement's snapshot: added to the templates read in the first, they are what the second sees.
     */
    public TemplatesRead templatesUnseenBy(String snapshot) {
        return read(UNSEEN, Map.of("snapshot", snapshot));
    }

    private TemplatesRead read(String from, Map<String, Object> params) {
        TrackTemplates.Builder templates = new TrackTemplates.Builder();
        String[] snapshotAndPack = new String[2];
        jdbc.sql("""
                        SELECT NULL::bigint, NULL::bytea, pg_current_snapshot()::text,
                          (SELECT model_pack FROM facefleet_meta)
                        UNION ALL
                        SELECT track_id, halfvec_send(embedding), NULL, NULL
                        FROM\s""" + from)
                .params(params)
                .query((RowCallbackHandler) rs -> {
                    if (rs.getString(3) != null) {
                        snapshotAndPack[0] = rs.getString(3);
                        snapshotAndPack[1] = rs.getString(4);
                    } else {
                        templates.add(rs.getLong(1), rs.getBytes(2));
                    }
                });
        return new TemplatesRead(snapshotAndPack[0], snapshotAndPack[1], templates.build());
    }

    /**
     * The candidates still stored and every track written by a transaction the snapshot did not see (committed since,
     * or this one), each with its template, and the model pack the statement saw. Nothing is compared here: the
     * caller compares the templates as PostgreSQL would. A probe sent along to compare them here made the statement
     * twice as slow and its p99 four times (0.7 ms against 0.3 at 1M faces; docs/scaling.md, "The probe stays home").
     */
    public CandidateTracks candidatesAmong(long[] candidates, String snapshot) {
        List<CandidateTrack> tracks = new ArrayList<>();
        String[] pack = new String[1];
        int[] unseen = new int[1];
        jdbc.sql("""
                        SELECT model_pack, NULL::bigint, NULL::bigint, NULL::text, NULL::real, NULL::bytea, NULL::boolean
                        FROM facefleet_meta
                        UNION ALL
                        SELECT NULL, t.id, t.video_id, t.match_status, t.det_score, halfvec_send(e.embedding), false
                        FROM face_track_embeddings e JOIN face_tracks t ON t.id = e.track_id
                        WHERE e.track_id = ANY(:candidates)
                        UNION ALL
                        SELECT NULL, t.id, t.video_id, t.match_status, t.det_score, halfvec_send(u.embedding), true
                        FROM %s u JOIN face_tracks t ON t.id = u.track_id""".formatted(UNSEEN))
                .param("candidates", candidates).param("snapshot", snapshot)
                .query((RowCallbackHandler) rs -> {
                    if (rs.getObject(2) == null) {
                        pack[0] = rs.getString(1);
                        return;
                    }
                    tracks.add(new CandidateTrack(rs.getLong(2), rs.getLong(3), MatchStatus.fromDb(rs.getString(4)),
                            rs.getFloat(5), rs.getBytes(6)));
                    unseen[0] += rs.getBoolean(7) ? 1 : 0;
                });
        return new CandidateTracks(pack[0], tracks, unseen[0]);
    }

    /** When each of these tracks is on screen, and in which video. */
    public Map<Long, TrackSpanInVideo> spans(Collection<Long> trackIds) {
        Map<Long, TrackSpanInVideo> spans = new HashMap<>();
        jdbc.sql("SELECT id, video_id, first_seen_seconds, last_seen_seconds FROM face_tracks WHERE id = ANY(?)")
                .param(trackIds.toArray(Long[]::new))
                .query((rs, n) -> spans.put(rs.getLong(1), new TrackSpanInVideo(rs.getLong(2), rs.getDouble(3),
                        rs.getDouble(4)))).list();
        return spans;
    }

    /** These face tracks' templates (those still stored). */
    public List<TrackEmbedding> templates(Collection<Long> trackIds) {
        return jdbc.sql("""
                        SELECT track_id AS id, embedding::text AS embedding FROM face_track_embeddings
                        WHERE track_id = ANY(?) ORDER BY track_id""")
                .param(trackIds.toArray(Long[]::new))
                .query((rs, n) -> new TrackEmbedding(rs.getLong("id"), Vectors.vector(rs, "embedding"))).list();
    }

    /**
     * The video's face tracks nobody is matched to whose best face was detected with at least {@code minDetScore},
     * with their templates, most sightings first.
     */
    public List<TrackEmbedding> unmatchedOf(long videoId, float minDetScore) {
        return jdbc.sql("""
                        SELECT t.id, e.embedding::text AS embedding
                        FROM face_tracks t JOIN face_track_embeddings e ON e.track_id = t.id
                        WHERE t.video_id = ? AND t.match_status = 'unmatched' AND t.det_score >= ?
                        ORDER BY t.sightings DESC, t.id""")
                .params(videoId, minDetScore)
                .query((rs, n) -> new TrackEmbedding(rs.getLong("id"), Vectors.vector(rs, "embedding"))).list();
    }

    /**
     * These face tracks as a rematch sees them, in no order: each with its best similarity to the creator's faces,
     * and whether the rematch may give it to the creator.
     *
     * @param creatorFaces the creator's enrolled faces (the similarity is to the nearest of them)
     */
    public List<TrackNearCreator> nearCreator(long[] trackIds, List<float[]> creatorFaces, long creatorId) {
        return nearCreatorAmong("face_track_embeddings e", "e.track_id = ANY(:ids)", Map.of("ids", trackIds),
                creatorFaces, creatorId);
    }

    /** The face tracks written by a transaction the snapshot did not see, as a rematch sees them (V11). */
    public List<TrackNearCreator> nearCreatorUnseenBy(String snapshot, List<float[]> creatorFaces, long creatorId) {
        return nearCreatorAmong(UNSEEN + " e", "true", Map.of("snapshot", snapshot), creatorFaces, creatorId);
    }

    private List<TrackNearCreator> nearCreatorAmong(String templates, String where, Map<String, Object> params,
                                                    List<float[]> creatorFaces, long creatorId) {
        StringJoiner similarity = new StringJoiner(", ", "greatest(", ")");
        Map<String, Object> faces = new HashMap<>(params);
        for (int i = 0; i < creatorFaces.size(); i++) {
            similarity.add("1 - (e.embedding <=> :face" + i + ")");
            faces.put("face" + i, Vectors.vector(creatorFaces.get(i)));
        }
        return jdbc.sql("""
                        SELECT t.id, t.video_id, %s AS similarity,
                          t.match_status = ANY(CAST(:undecided AS text[]))
                            AND NOT EXISTS (SELECT 1 FROM track_rejections r
                                            WHERE r.track_id = t.id AND r.creator_id = :creator) AS open
                        FROM %s JOIN face_tracks t ON t.id = e.track_id
                        WHERE %s""".formatted(similarity, templates, where))
                .params(faces).param("creator", creatorId).param("undecided", MatchRule.db(MatchRule.UNDECIDED))
                .query((rs, n) -> new TrackNearCreator(rs.getLong(1), rs.getLong(2), rs.getFloat(3), rs.getBoolean(4)))
                .list();
    }

    /**
     * Every face no person has decided on within the match threshold of any of the creator's enrolled faces,
     * compared with each of them, without the index: exact, and as slow as the library is large (the seed's
     * rematch was this CROSS JOIN). A rematch falls back to it when the creator's faces are too many to page through
     * the index; {@code facefleet bench db} measures the index's search against it.
     */
    public List<TrackCandidate> undecidedWithin(long creatorId, MatchRule rule) {
        return jdbc.sql("""
                        SELECT d.id, d.video_id, max(1 - (t.embedding <=> e.embedding)) AS similarity
                        FROM face_tracks d JOIN face_track_embeddings t ON t.track_id = d.id
                          CROSS JOIN creator_face_embeddings e
                        WHERE e.creator_id = :creator AND d.match_status = ANY(CAST(:undecided AS text[]))
                          AND NOT EXISTS (SELECT 1 FROM track_rejections r
                                          WHERE r.track_id = d.id AND r.creator_id = :creator)
                        GROUP BY d.id, d.video_id
                        HAVING max(1 - (t.embedding <=> e.embedding)) >= :threshold""")
                .param("creator", creatorId).param("undecided", MatchRule.db(MatchRule.UNDECIDED))
                .param("threshold", (double) rule.matchThreshold())
                .query((rs, n) -> new TrackCandidate(rs.getLong(1), rs.getLong(2), rs.getFloat(3))).list();
    }

    /**
     * Gives faces no person has decided on (matched automatically, pending or unmatched) to a creator where that
     * creator is a better match than their current one, in one statement. Whatever order two rematches run in, each
     * face ends with its best match; confirmed faces are left as they are, and a creator a reviewer ruled out for a
     * face (even while this rematch ran) never gets it back.
     *
     * @return the candidates the creator now has
     */
    public List<TrackCandidate> improveMatches(long creatorId, Collection<TrackCandidate> candidates, MatchRule rule) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<TrackCandidate> byId = candidates.stream().sorted(Comparator.comparingLong(TrackCandidate::trackId))
                .toList();
        Long[] ids = byId.stream().map(TrackCandidate::trackId).toArray(Long[]::new);
        // Wait for reviewers' decisions on these faces first, locking in id order as every rematch does: an UPDATE
        // that waited for a row would re-check it with its old snapshot, blind to a rejection committed meanwhile;
        // the next statement sees it.
        jdbc.sql("SELECT id FROM face_tracks WHERE id = ANY(?) ORDER BY id FOR UPDATE").param(ids)
                .query(Long.class).list();
        return jdbc.sql("""
                        UPDATE face_tracks d SET matched_creator_id = :creator, match_confidence = c.similarity,
                          match_status = c.status
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:similarities AS real[]), CAST(:statuses AS text[]))
                          AS c (id, similarity, status)
                        WHERE d.id = c.id AND d.match_status = ANY(CAST(:undecided AS text[]))
                          AND (d.match_confidence IS NULL OR d.match_confidence < c.similarity
                               OR d.matched_creator_id IS NULL)
                          AND NOT EXISTS (SELECT 1 FROM track_rejections r
                                          WHERE r.track_id = d.id AND r.creator_id = :creator)
                        RETURNING d.id, d.video_id, c.similarity""")
                .param("creator", creatorId).param("ids", ids)
                .param("similarities", byId.stream().map(TrackCandidate::similarity).toArray(Float[]::new))
                .param("statuses", byId.stream().map(c -> rule.statusFor(c.similarity()).db()).toArray(String[]::new))
                .param("undecided", MatchRule.db(MatchRule.UNDECIDED))
                .query((rs, n) -> new TrackCandidate(rs.getLong(1), rs.getLong(2), rs.getFloat(3))).list();
    }

    /** The video the face track belongs to; empty if there is no such track. */
    public Optional<Long> videoOf(long trackId) {
        return jdbc.sql("SELECT video_id FROM face_tracks WHERE id = ?").param(trackId)
                .query(Long.class).optional();
    }

    /**
     * The face track for a reviewer's decision, its row locked until the transaction ends; lock its video's row
     * first ({@link VideoStore#lockRow}), the order the workers take them in. Empty when the track is gone (its
     * video was processed again).
     */
    public Optional<ReviewedTrack> lockForReview(long trackId) {
        return jdbc.sql("""
                        SELECT d.id, d.video_id, v.path, d.match_status, d.matched_creator_id, d.match_confidence,
                          t.embedding::text AS embedding, d.bbox, d.det_score, d.crop_jpeg
                        FROM face_tracks d JOIN videos v ON v.id = d.video_id
                          JOIN face_track_embeddings t ON t.track_id = d.id
                        WHERE d.id = ? FOR UPDATE OF d""")
                .param(trackId)
                .query((rs, n) -> new ReviewedTrack(rs.getLong("id"), rs.getLong("video_id"), rs.getString("path"),
                        MatchStatus.fromDb(rs.getString("match_status")), rs.getObject("matched_creator_id", Long.class),
                        rs.getObject("match_confidence", Float.class), Vectors.vector(rs, "embedding"),
                        Vectors.realArray(rs, "bbox"), rs.getFloat("det_score"), rs.getBytes("crop_jpeg")))
                .optional();
    }

    /** The track's similarity to the nearest of the creator's enrolled faces; null if none is enrolled yet. */
    public Float similarityTo(long trackId, long creatorId) {
        return jdbc.sql("""
                        SELECT max(1 - (e.embedding <=> t.embedding))
                        FROM creator_face_embeddings e, face_track_embeddings t
                        WHERE e.creator_id = ? AND t.track_id = ?""")
                .params(creatorId, trackId).query(Float.class).optional().orElse(null);
    }

    /** Sets where a track stands after a person's decision (confirmed, or the next candidate after a rejection). */
    public void decide(long trackId, MatchStatus status, Long creatorId, Float confidence) {
        jdbc.sql("""
                        UPDATE face_tracks SET match_status = ?, matched_creator_id = ?, match_confidence = ?
                        WHERE id = ?""")
                .params(status.db(), creatorId, confidence, trackId).update();
    }

    /** A person ruled the creator out for the track, for good: no rematch gives it back to them. */
    public void reject(long trackId, long creatorId) {
        jdbc.sql("INSERT INTO track_rejections (track_id, creator_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(trackId, creatorId).update();
    }

    /** A person confirmed the creator after all: an earlier rejection no longer holds. */
    public void withdrawRejection(long trackId, long creatorId) {
        jdbc.sql("DELETE FROM track_rejections WHERE track_id = ? AND creator_id = ?")
                .params(trackId, creatorId).update();
    }

    /**
     * The creator's tracks become unmatched (the creator is being deleted); a rematch may give them to others.
     *
     * @return the videos those tracks are in
     */
    public Set<Long> unmatchCreator(long creatorId) {
        return new TreeSet<>(jdbc.sql("""
                        UPDATE face_tracks SET match_status = 'unmatched', matched_creator_id = NULL,
                          match_confidence = NULL
                        WHERE matched_creator_id = ? RETURNING video_id""")
                .param(creatorId).query(Long.class).list());
    }

    /** Tracks waiting for review, in the whole library. */
    public long pendingCount() {
        return jdbc.sql("SELECT count(*) FROM face_tracks WHERE match_status = 'pending'")
                .query(Long.class).single();
    }

    /** The track's crop (JPEG) as the worker cut it from its frame; empty when there is no such track or crop. */
    public Optional<byte[]> crop(long trackId) {
        return jdbc.sql("SELECT crop_jpeg FROM face_tracks WHERE id = ? AND crop_jpeg IS NOT NULL")
                .param(trackId).query(byte[].class).optional();
    }
}
