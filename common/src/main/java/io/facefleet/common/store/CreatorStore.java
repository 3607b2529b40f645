package io.facefleet.common.store;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

@Repository
public class CreatorStore {

    /** The source of an enrolled face a reviewer confirmed in a video (the other source is a photo). */
    public static final String CONFIRMED_DETECTION = "confirmed_track";
    /** Nearest embeddings fetched to find the few nearest creators: a creator may hold many embeddings. */
    private static final int EMBEDDINGS_SEARCHED = 50;
    /**
     * hnsw.ef_search of matching's search through the index. Over 100,000 creator embeddings (faces of people whose
     * centres are random directions: no gradient for the graph to follow), V4's 200 on pgvector's default graph
     * missed a face's exact nearest creator in 0.2-1.4 % of lookups; V9's graph (m 32, ef_construction 128) at 100
     * missed none of 500 (docs/scaling.md, "Matching finds the exact creator").
     */
    private static final int MATCH_SEARCH_BREADTH = 100;

    private static final RowMapper<Creator> CREATOR = (rs, n) ->
            new Creator(rs.getLong("id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant());
    private static final RowMapper<CreatorPhoto> PHOTO = (rs, n) -> new CreatorPhoto(rs.getLong("id"),
            rs.getLong("creator_id"), rs.getString("file_name"), rs.getString("status"), rs.getString("error"));

    private static final String ENROLLED_FACES = "SELECT id, xmin::text::bigint, creator_id, halfvec_send(embedding)"
            + " FROM creator_face_embeddings";
    private static final RowMapper<EnrolledFace> ENROLLED_FACE = (rs, n) ->
            new EnrolledFace(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4));

    private final JdbcClient jdbc;

    public CreatorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long create(String name) {
        return jdbc.sql("INSERT INTO creators (name) VALUES (?) RETURNING id").param(name.trim())
                .query(Long.class).single();
    }

    public Optional<Creator> find(long id) {
        return jdbc.sql("SELECT * FROM creators WHERE id = ?").param(id).query(CREATOR).optional();
    }

    public Optional<Creator> findByName(String name) {
        return jdbc.sql("SELECT * FROM creators WHERE name = ?").param(name.trim()).query(CREATOR).optional();
    }

    public List<Creator> all() {
        return jdbc.sql("SELECT * FROM creators ORDER BY name").query(CREATOR).list();
    }

    /** False if there is no such creator; a name another creator has throws DuplicateKeyException. */
    public boolean rename(long id, String name) {
        return jdbc.sql("UPDATE creators SET name = ? WHERE id = ?").params(name, id).update() == 1;
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM creators WHERE id = ?").param(id).update() == 1;
    }

    /** Deletes one of the creator's photos with the face enrolled from it; false if they have no such photo. */
    public boolean deletePhoto(long creatorId, long photoId) {
        return jdbc.sql("DELETE FROM creator_photos WHERE id = ? AND creator_id = ?").params(photoId, creatorId)
                .update() == 1;
    }

    public long addPhoto(long creatorId, String fileName, byte[] content) {
        return jdbc.sql("INSERT INTO creator_photos (creator_id, file_name, content) VALUES (?, ?, ?) RETURNING id")
                .params(creatorId, fileName, content).query(Long.class).single();
    }

    public List<CreatorPhoto> photos(long creatorId) {
        return jdbc.sql("SELECT id, creator_id, file_name, status, error FROM creator_photos WHERE creator_id = ? ORDER BY id")
                .param(creatorId).query(PHOTO).list();
    }

    public List<CreatorPhoto> pendingPhotos(long creatorId) {
        return photos(creatorId).stream().filter(p -> p.status().equals("pending")).toList();
    }

    public byte[] photoContent(long photoId) {
        return jdbc.sql("SELECT content FROM creator_photos WHERE id = ?").param(photoId).query(byte[].class).single();
    }

    /** One of the creator's photos as it was uploaded; empty if they have no such photo. */
    public Optional<byte[]> photoContent(long creatorId, long photoId) {
        return jdbc.sql("SELECT content FROM creator_photos WHERE id = ? AND creator_id = ?")
                .params(photoId, creatorId).query(byte[].class).optional();
    }

    public void markPhoto(long photoId, String status, String error) {
        jdbc.sql("UPDATE creator_photos SET status = ?, error = ? WHERE id = ?").params(status, error, photoId).update();
    }

    public long addEmbedding(long creatorId, float[] embedding, String sourceType, String sourcePath, Long photoId,
                             Long trackId, float[] bbox, float quality) {
        return addEmbedding(creatorId, embedding, sourceType, sourcePath, photoId, trackId, bbox, quality, null);
    }

    /** @param cropJpeg a small JPEG of the face for the dashboard, or null */
    public long addEmbedding(long creatorId, float[] embedding, String sourceType, String sourcePath, Long photoId,
                             Long trackId, float[] bbox, float quality, byte[] cropJpeg) {
        return jdbc.sql("""
                        INSERT INTO creator_face_embeddings (creator_id, embedding, source_type, source_path, photo_id,
                          track_id, bbox, quality_score, crop_jpeg)
                        VALUES (?, ?, ?, ?, ?, ?, ?::real[], ?, ?) RETURNING id""")
                .params(creatorId, Vectors.vector(embedding), sourceType, sourcePath, photoId, trackId,
                        Vectors.realArray(bbox), quality, cropJpeg)
                .query(Long.class).single();
    }

    public List<float[]> embeddings(long creatorId) {
        return jdbc.sql("SELECT embedding::text AS embedding FROM creator_face_embeddings WHERE creator_id = ?")
                .param(creatorId).query((rs, n) -> Vectors.vector(rs, "embedding")).list();
    }

    public int embeddingCount(long creatorId) {
        return jdbc.sql("SELECT count(*) FROM creator_face_embeddings WHERE creator_id = ?").param(creatorId)
                .query(Integer.class).single();
    }

    /**
     * The creator with the nearest enrolled face, by the HNSW index searched wider than other searches (the match
     * decides a face's creator): matching's search for packs whose embeddings are too short for binary codes
     * ({@code CreatorGallery}). Call it inside a transaction: the breadth holds until the transaction ends.
     */
    public Optional<CreatorMatch> nearestByIndex(float[] embedding) {
        jdbc.sql("SELECT set_config('hnsw.ef_search', ?, true)").param(Integer.toString(MATCH_SEARCH_BREADTH))
                .query(String.class).single();
        return jdbc.sql("""
                        SELECT creator_id, 1 - (embedding <=> :e) AS similarity FROM creator_face_embeddings
                        ORDER BY embedding <=> :e LIMIT 1""")
                .param("e", Vectors.vector(embedding))
                .query((rs, n) -> new CreatorMatch(rs.getLong(1), rs.getFloat(2))).optional();
    }

    /**
     * The version of the enrolled faces: bumped in the transaction of every statement that writes them (V10), so a
     * copy loaded after reading it is stale exactly when it moved.
     */
    public long embeddingsVersion() {
        return jdbc.sql("SELECT version FROM creator_embeddings_version").query(Long.class).single();
    }

    /**
     * Every enrolled face's id and writer with the version, in one statement. {@code xmin} changes with every write
     * of a row (an enrolment, a pack switch's new embedding), so a row held with the same writer is the same row.
     */
    public EnrolledFacesListed enrolledFacesListed() {
        long[] version = {-1};
        LongStream.Builder ids = LongStream.builder();
        LongStream.Builder writers = LongStream.builder();
        jdbc.sql("""
                        SELECT NULL::bigint, NULL::bigint, version FROM creator_embeddings_version
                        UNION ALL
                        (SELECT id, xmin::text::bigint, NULL FROM creator_face_embeddings ORDER BY id)""")
                .query((RowCallbackHandler) rs -> {
                    if (rs.getObject(1) == null) {
                        version[0] = rs.getLong(3);
                    } else {
                        ids.add(rs.getLong(1));
                        writers.add(rs.getLong(2));
                    }
                });
        return new EnrolledFacesListed(version[0], ids.build().toArray(), writers.build().toArray());
    }

    /** Every enrolled face, with its writer and embedding. */
    public List<EnrolledFace> enrolledFaces() {
        return jdbc.sql(ENROLLED_FACES).query(ENROLLED_FACE).list();
    }

    /** These enrolled faces, those still stored, with their writers and embeddings. */
    public List<EnrolledFace> enrolledFaces(long[] ids) {
        if (ids.length == 0) {
            return List.of();
        }
        return jdbc.sql(ENROLLED_FACES + " WHERE id = ANY(?)").param(ids).query(ENROLLED_FACE).list();
    }

    /** The crop (JPEG) of one of the creator's enrolled faces; empty if they have no such face with a crop. */
    public Optional<byte[]> faceCrop(long creatorId, long faceId) {
        return jdbc.sql("""
                        SELECT crop_jpeg FROM creator_face_embeddings
                        WHERE id = ? AND creator_id = ? AND crop_jpeg IS NOT NULL""")
                .params(faceId, creatorId).query(byte[].class).optional();
    }

    /** A face track confirmed before and now decided otherwise no longer stands for its old creator. */
    public void forgetConfirmedFace(long trackId) {
        jdbc.sql("DELETE FROM creator_face_embeddings WHERE track_id = ? AND source_type = ?")
                .params(trackId, CONFIRMED_DETECTION).update();
    }

    /**
     * The creators nearest to a face track, best first, through the HNSW index, leaving out the creators rejected
     * for that track. Call it inside a transaction: the index is told to keep scanning past rejected creators'
     * embeddings ({@code hnsw.iterative_scan}, pgvector 0.8), which holds until the transaction ends.
     */
    public List<Candidate> candidates(long trackId, float[] embedding, int creators) {
        jdbc.sql("SET LOCAL hnsw.iterative_scan = relaxed_order").update();
        return jdbc.sql("""
                        SELECT e.creator_id, c.name, max(e.similarity) AS similarity
                        FROM (SELECT creator_id, 1 - (embedding <=> :e) AS similarity
                              FROM creator_face_embeddings
                              WHERE creator_id NOT IN (SELECT creator_id FROM track_rejections
                                                       WHERE track_id = :track)
                              ORDER BY embedding <=> :e LIMIT :searched) e
                        JOIN creators c ON c.id = e.creator_id
                        GROUP BY e.creator_id, c.name
                        ORDER BY similarity DESC LIMIT :creators""")
                .param("e", Vectors.vector(embedding)).param("track", trackId)
                .param("searched", EMBEDDINGS_SEARCHED).param("creators", creators)
                .query((rs, n) -> new Candidate(rs.getLong("creator_id"), rs.getString("name"),
                        rs.getFloat("similarity")))
                .list();
    }
}
