package io.facefleet.scheduler.creator;

import io.facefleet.common.store.Creator;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.db.SqlValues;
import io.facefleet.scheduler.timeline.OnScreenInterval;
import io.facefleet.scheduler.timeline.OnScreenIntervals;
import io.facefleet.scheduler.timeline.TrackSpan;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
                        SqlValues.nullableDouble(rs, "first_seen_seconds"), 0, List.of()))
                .list();
        Map<Long, List<OnScreenInterval>> onScreen = onScreen(id);
        return new CreatorDetail(creator.id(), creator.name(), creator.createdAt(), creators.embeddingCount(id),
                creators.photos(id).stream().map(CreatorDetail.Photo::of).toList(),
                videos.stream().map(v -> v.withIntervals(onScreen.getOrDefault(v.videoId(), List.of()))).toList());
    }

    /** Every face track matched, confirmed or pending as the creator, by video and time. */
    List<CreatorMoment> moments(long creatorId) {
        return jdbc.sql("""
                        SELECT d.video_id, v.path, d.id, d.frame_timestamp, d.match_status, d.match_confidence,
                          d.first_seen_seconds, d.last_seen_seconds, d.sightings
                        FROM video_face_detections d JOIN videos v ON v.id = d.video_id
                        WHERE d.matched_creator_id = ? AND d.match_status IN ('matched', 'confirmed', 'pending')
                        ORDER BY v.path, d.first_seen_seconds, d.id""")
                .param(creatorId)
                .query((rs, n) -> new CreatorMoment(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4),
                        rs.getString(5), SqlValues.nullableFloat(rs, "match_confidence"),
                        rs.getDouble("first_seen_seconds"), rs.getDouble("last_seen_seconds"), rs.getInt("sightings")))
                .list();
    }

    /** By video, when the creator's matched and confirmed face tracks are on screen. */
    private Map<Long, List<OnScreenInterval>> onScreen(long creatorId) {
        record VideoTrack(long videoId, OnScreenIntervals video, TrackSpan track) {
        }
        return jdbc.sql("""
                        SELECT d.video_id, nullif(v.sample_interval_seconds, 0) AS sample_interval_seconds,
                          v.duration_seconds, d.id, d.first_seen_seconds, d.last_seen_seconds, d.match_status
                        FROM video_face_detections d JOIN videos v ON v.id = d.video_id
                        WHERE d.matched_creator_id = ? AND d.match_status IN ('matched', 'confirmed')""")
                .param(creatorId)
                .query((rs, n) -> new VideoTrack(rs.getLong("video_id"),
                        new OnScreenIntervals(SqlValues.nullableDouble(rs, "sample_interval_seconds"),
                                SqlValues.nullableDouble(rs, "duration_seconds")),
                        new TrackSpan(rs.getLong("id"), rs.getDouble("first_seen_seconds"),
                                rs.getDouble("last_seen_seconds"), rs.getString("match_status"))))
                .list().stream()
                .collect(Collectors.groupingBy(VideoTrack::videoId, Collectors.collectingAndThen(Collectors.toList(),
                        tracks -> tracks.getFirst().video().merged(tracks.stream().map(VideoTrack::track).toList()))));
    }
}
