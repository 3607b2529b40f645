package io.facefleet.scheduler.video;

import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStore;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.db.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the API shows of videos. */
@Repository
class VideoQueries {

    private final JdbcClient jdbc;
    private final VideoStore videos;

    VideoQueries(JdbcClient jdbc, VideoStore videos) {
        this.jdbc = jdbc;
        this.videos = videos;
    }

    static ApiException noSuchVideo(long id) {
        return ApiException.notFound("No video with id " + id);
    }

    List<VideoSummary> list(VideoFilter filter) {
        List<VideoSummary> rows = jdbc.sql("""
                        SELECT v.id, v.path, v.status, v.size_bytes, v.mtime, v.duration_seconds, v.error, v.attempts,
                          v.processed_at,
                          (SELECT count(*) FROM video_face_detections d WHERE d.video_id = v.id) AS faces,
                          (SELECT count(*) FROM video_face_detections d
                           WHERE d.video_id = v.id AND d.match_status = 'pending') AS pending
                        FROM videos v
                        WHERE (CAST(:status AS text) IS NULL OR v.status = :status)
                          AND (CAST(:creator AS bigint) IS NULL OR EXISTS (
                                SELECT 1 FROM video_creators vc WHERE vc.video_id = v.id AND vc.creator_id = :creator))
                          AND (NOT :pendingOnly OR EXISTS (
                                SELECT 1 FROM video_face_detections d
                                WHERE d.video_id = v.id AND d.match_status = 'pending'))
                        ORDER BY v.path LIMIT :limit OFFSET :offset""")
                .param("status", filter.status() == null ? null : filter.status().db())
                .param("creator", filter.creatorId())
                .param("pendingOnly", filter.pendingOnly())
                .param("limit", filter.limit()).param("offset", filter.offset())
                .query((rs, n) -> new VideoSummary(rs.getLong("id"), rs.getString("path"), rs.getString("status"),
                        rs.getLong("size_bytes"), SqlValues.instant(rs, "mtime"),
                        SqlValues.nullableDouble(rs, "duration_seconds"), rs.getString("error"), rs.getInt("attempts"),
                        SqlValues.instant(rs, "processed_at"), rs.getInt("faces"), rs.getInt("pending"), List.of()))
                .list();
        Map<Long, List<VideoTag>> tags = tags(rows.stream().map(VideoSummary::id).toList());
        return rows.stream().map(video -> video.withTags(tags.getOrDefault(video.id(), List.of()))).toList();
    }

    VideoDetail detail(long id) {
        Video video = videos.find(id).orElseThrow(() -> noSuchVideo(id));
        List<VideoDetail.Face> faces = jdbc.sql("""
                        SELECT d.id, d.frame_timestamp, d.bbox, d.det_score, d.match_status, d.matched_creator_id,
                          c.name, d.match_confidence, d.first_seen_seconds, d.last_seen_seconds, d.sightings
                        FROM video_face_detections d LEFT JOIN creators c ON c.id = d.matched_creator_id
                        WHERE d.video_id = ? ORDER BY d.first_seen_seconds, d.id""")
                .param(id)
                .query((rs, n) -> new VideoDetail.Face(rs.getLong("id"), rs.getDouble("frame_timestamp"),
                        SqlValues.floats(rs, "bbox"), rs.getFloat("det_score"), rs.getString("match_status"),
                        SqlValues.nullableLong(rs, "matched_creator_id"), rs.getString("name"),
                        SqlValues.nullableFloat(rs, "match_confidence"), rs.getDouble("first_seen_seconds"),
                        rs.getDouble("last_seen_seconds"), rs.getInt("sightings")))
                .list();
        return VideoDetail.of(video, sampling(id), faces, tags(List.of(id)).getOrDefault(id, List.of()));
    }

    /** VideoStore.sampling has no answer for a video never run; the detail shows nulls then. */
    private VideoDetail.Sampling sampling(long id) {
        return jdbc.sql("""
                        SELECT nullif(sample_interval_seconds, 0) AS sample_interval_seconds, frames_sampled,
                          frames_decoded, keyframe_interval_seconds, partial_reason
                        FROM videos WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new VideoDetail.Sampling(SqlValues.nullableDouble(rs, "sample_interval_seconds"),
                        SqlValues.nullableInteger(rs, "frames_sampled"), SqlValues.nullableInteger(rs, "frames_decoded"),
                        SqlValues.nullableDouble(rs, "keyframe_interval_seconds"), rs.getString("partial_reason")))
                .single();
    }

    private Map<Long, List<VideoTag>> tags(Collection<Long> videoIds) {
        if (videoIds.isEmpty()) {
            return Map.of();
        }
        record Tagged(long videoId, VideoTag tag) {
        }
        return jdbc.sql("""
                        SELECT vc.video_id, vc.creator_id, c.name, vc.source, vc.confidence, vc.first_seen_seconds,
                          vc.on_screen_seconds
                        FROM video_creators vc JOIN creators c ON c.id = vc.creator_id
                        WHERE vc.video_id IN (:ids) ORDER BY vc.first_seen_seconds NULLS LAST, c.name""")
                .param("ids", videoIds)
                .query((rs, n) -> new Tagged(rs.getLong("video_id"), new VideoTag(rs.getLong("creator_id"),
                        rs.getString("name"), rs.getString("source"), SqlValues.nullableFloat(rs, "confidence"),
                        SqlValues.nullableDouble(rs, "first_seen_seconds"),
                        SqlValues.nullableDouble(rs, "on_screen_seconds"))))
                .list().stream()
                .collect(Collectors.groupingBy(Tagged::videoId, Collectors.mapping(Tagged::tag, Collectors.toList())));
    }
}
