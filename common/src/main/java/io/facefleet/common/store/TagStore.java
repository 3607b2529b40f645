package io.facefleet.common.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;

/** Which creators appear in which videos (video_creators). */
@Repository
public class TagStore {

    private final JdbcClient jdbc;

    public TagStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Recomputes a video's automatic tags from its matched and confirmed faces (confidence: the best face; first
     * seen: the earliest). Manual tags are left as they are.
     */
    public void refreshAutoTags(long videoId) {
        jdbc.sql("DELETE FROM video_creators WHERE video_id = ? AND source = 'auto'").param(videoId).update();
        jdbc.sql("""
                        INSERT INTO video_creators (video_id, creator_id, source, confidence, first_seen_seconds)
                        SELECT video_id, matched_creator_id, 'auto', max(match_confidence), min(frame_timestamp)
                        FROM video_face_detections
                        WHERE video_id = ? AND matched_creator_id IS NOT NULL AND match_status IN ('matched', 'confirmed')
                        GROUP BY video_id, matched_creator_id
                        ON CONFLICT (video_id, creator_id) DO NOTHING""")
                .param(videoId).update();
    }

    public void refreshAutoTags(Collection<Long> videoIds) {
        videoIds.stream().distinct().sorted().forEach(this::refreshAutoTags);
    }
}
