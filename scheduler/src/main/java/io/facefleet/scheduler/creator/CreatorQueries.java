package io.facefleet.scheduler.creator;

import io.facefleet.common.store.Creator;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.db.SqlValues;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

/** What the API shows of creators. */
@Repository
class CreatorQueries {

    private final JdbcClient jdbc;
    private final CreatorStore creators;

    CreatorQueries(JdbcClient jdbc, CreatorStore creators) {
        this.jdbc = jdbc;
        this.creators = creators;
    }

    static ApiException noSuchCreator(long id) {
        return ApiException.notFound("No creator with id " + id);
    }

    private static final String SUMMARIES = """
            SELECT c.id, c.name, c.created_at,
              (SELECT count(*) FROM creator_photos p WHERE p.creator_id = c.id) AS photos,
              (SELECT count(*) FROM creator_face_embeddings e WHERE e.creator_id = c.id) AS embeddings,
              (SELECT count(*) FROM video_creators vc WHERE vc.creator_id = c.id) AS videos
            FROM creators c
            """;

    private static final RowMapper<CreatorSummary> SUMMARY = (rs, n) -> new CreatorSummary(rs.getLong("id"),
            rs.getString("name"), rs.getTimestamp("created_at").toInstant(), rs.getInt("photos"),
            rs.getInt("embeddings"), rs.getInt("videos"));

    List<CreatorSummary> all() {
        return jdbc.sql(SUMMARIES + "ORDER BY c.name").query(SUMMARY).list();
    }

    CreatorSummary summary(long id) {
        return jdbc.sql(SUMMARIES + "WHERE c.id = ?").param(id).query(SUMMARY).optional()
                .orElseThrow(() -> noSuchCreator(id));
    }

    CreatorDetail detail(long id) {
        Creator creator = creators.find(id).orElseThrow(() -> noSuchCreator(id));
        List<CreatorDetail.TaggedVideo> videos = jdbc.sql("""
                        SELECT v.id, v.path, v.status, vc.source, vc.confidence, vc.first_seen_seconds
                        FROM video_creators vc JOIN videos v ON v.id = vc.video_id
                        WHERE vc.creator_id = ? ORDER BY v.path""")
                .param(id)
                .query((rs, n) -> new CreatorDetail.TaggedVideo(rs.getLong("id"), rs.getString("path"),
                        rs.getString("status"), rs.getString("source"), SqlValues.nullableFloat(rs, "confidence"),
                        SqlValues.nullableDouble(rs, "first_seen_seconds")))
                .list();
        return new CreatorDetail(creator.id(), creator.name(), creator.createdAt(), creators.embeddingCount(id),
                creators.photos(id).stream().map(CreatorDetail.Photo::of).toList(), videos);
    }
}
