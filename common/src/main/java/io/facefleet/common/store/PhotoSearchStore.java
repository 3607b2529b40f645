package io.facefleet.common.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * Photos to search the library with ({@code photo_searches}), while a worker embeds their face: the scheduler
 * stores one, a worker fills in the embedding (or why there is none), the scheduler reads it and deletes the row.
 */
@Repository
public class PhotoSearchStore {

    public enum Status { QUEUED, EMBEDDED, NO_FACE, FAILED }

    /** Where a search stands; {@code embedding} and {@code bbox} once embedded, {@code error} otherwise. */
    public record PhotoSearch(long id, Status status, float[] embedding, float[] bbox, String error) {
    }

    private final JdbcClient jdbc;

    public PhotoSearchStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long create(byte[] photo) {
        return jdbc.sql("INSERT INTO photo_searches (photo) VALUES (?) RETURNING id").param(photo)
                .query(Long.class).single();
    }

    /** The photo, while its search waits; empty once the scheduler has given up on it and deleted it. */
    public Optional<byte[]> photo(long id) {
        return jdbc.sql("SELECT photo FROM photo_searches WHERE id = ?").param(id).query(byte[].class).optional();
    }

    public void embedded(long id, float[] embedding, float[] bbox) {
        jdbc.sql("UPDATE photo_searches SET status = 'embedded', embedding = ?, bbox = ?::real[] WHERE id = ?")
                .params(Vectors.vector(embedding), Vectors.realArray(bbox), id).update();
    }

    /** No face found ({@link Status#NO_FACE}) or the photo could not be read ({@link Status#FAILED}). */
    public void refused(long id, Status status, String reason) {
        jdbc.sql("UPDATE photo_searches SET status = ?, error = ? WHERE id = ?")
                .params(status.name().toLowerCase(java.util.Locale.ROOT), reason, id).update();
    }

    public Optional<PhotoSearch> find(long id) {
        return jdbc.sql("""
                        SELECT id, status, embedding::text AS embedding, bbox, error FROM photo_searches WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new PhotoSearch(rs.getLong("id"),
                        Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                        Vectors.vector(rs, "embedding"), Vectors.realArray(rs, "bbox"), rs.getString("error")))
                .optional();
    }

    public void delete(long id) {
        jdbc.sql("DELETE FROM photo_searches WHERE id = ?").param(id).update();
    }
}
