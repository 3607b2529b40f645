package io.facefleet.common.store.read;

import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStore;
import io.facefleet.common.store.Vectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the API shows of videos: the list, and one video with its face tracks and tags. */
@Repository
public class VideoQueries {

    private final JdbcClient jdbc;
    private final VideoStore videos;

    public VideoQueries(JdbcClient jdbc, VideoStore videos) {
        this.jdbc = jdbc;
        this.videos = videos;
    }

    /** Every video, by path (the demo's report). */
    public List<VideoSummary> all() {
        return list(VideoFilter.NONE, PageRequest.ALL).items();
    }

    /** Videos by path. */
    public Page<VideoSummary> list(VideoFilter filter, PageRequest page) {
        String where = """
                WHERE (CAST(:status AS text) IS NULL OR v.status = :status)
                  AND (CAST(:creator AS bigint) IS NULL OR EXISTS (
                        SELECT 1 FROM video_creators vc WHERE vc.video_id = v.id AND vc.creator_id = :creator))
                  AND (NOT :pendingOnly OR EXISTS (
                        SELECT 1 FROM face_tracks d
                        WHERE d.video_id = v.id AND d.match_status = 'pending'))
                """;
        List<VideoSummary> rows = jdbc.sql("""
                        SELECT v.id, v.path, v.status, v.size_bytes, v.mtime, v.duration_seconds, v.error, v.attempts,
                          v.processed_at, nullif(v.sample_interval_seconds, 0) AS sample_interval_seconds,
                          (SELECT count(*) FROM face_tracks d WHERE d.video_id = v.id) AS faces,
                          (SELECT count(*) FROM face_tracks d
                           WHERE d.video_id = v.id AND d.match_status = 'pending') AS pending
                        FROM videos v
                        """ + where + "ORDER BY v.path LIMIT :limit OFFSET :offset")
                .param("status", filter.status() == null ? null : filter.status().db())
                .param("creator", filter.creatorId())
                .param("pendingOnly", filter.pendingOnly())
                .param("limit", page.limit()).param("offset", page.offset())
                .query((rs, n) -> new VideoSummary(rs.getLong("id"), rs.getString("path"), rs.getString("status"),
                        rs.getLong("size_bytes"), Rows.instant(rs, "mtime"),
                        rs.getObject("duration_seconds", Double.class), rs.getString("error"), rs.getInt("attempts"),
                        Rows.instant(rs, "processed_at"), rs.getInt("faces"), rs.getInt("pending"),
                        rs.getObject("sample_interval_seconds", Double.class), List.of()))
                .list();
        Map<Long, List<VideoTag>> tags = tags(rows.stream().map(VideoSummary::id).toList());
        long total = jdbc.sql("SELECT count(*) FROM videos v " + where)
                .param("status", filter.status() == null ? null : filter.status().db())
                .param("creator", filter.creatorId())
                .param("pendingOnly", filter.pendingOnly())
                .query(Long.class).single();
        return page.of(rows.stream().map(video -> video.withTags(tags.getOrDefault(video.id(), List.of()))).toList(),
                total);
    }

    public Optional<VideoDetail> detail(long id) {
        return videos.find(id).map(this::detail);
    }

    private VideoDetail detail(Video video) {
        long id = video.id();
        List<VideoDetail.Face> faces = jdbc.sql("""
                        SELECT d.id, d.frame_timestamp, d.bbox, d.det_score, d.match_status, d.matched_creator_id,
                          c.name, d.match_confidence, d.first_seen_seconds, d.last_seen_seconds, d.sightings
                        FROM face_tracks d LEFT JOIN creators c ON c.id = d.matched_creator_id
                        WHERE d.video_id = ? ORDER BY d.first_seen_seconds, d.id""")
                .param(id)
                .query((rs, n) -> new VideoDetail.Face(rs.getLong("id"), rs.getDouble("frame_timestamp"),
                        Vectors.realArray(rs, "bbox"), rs.getFloat("det_score"), rs.getString("match_status"),
                        rs.getObject("matched_creator_id", Long.class), rs.getString("name"),
                        rs.getObject("match_confidence", Float.class), rs.getDouble("first_seen_seconds"),
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
                .query((rs, n) -> new VideoDetail.Sampling(rs.getObject("sample_interval_seconds", Double.class),
                        rs.getObject("frames_sampled", Integer.class), rs.getObject("frames_decoded", Integer.class),
                        rs.getObject("keyframe_interval_seconds", Double.class), rs.getString("partial_reason")))
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
                        rs.getString("name"), rs.getString("source"), rs.getObject("confidence", Float.class),
                        rs.getObject("first_seen_seconds", Double.class),
                        rs.getObject("on_screen_seconds", Double.class))))
                .list().stream()
                .collect(Collectors.groupingBy(Tagged::videoId, Collectors.mapping(Tagged::tag, Collectors.toList())));
    }
}
