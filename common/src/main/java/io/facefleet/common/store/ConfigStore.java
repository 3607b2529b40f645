package io.facefleet.common.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ConfigStore {

    private final JdbcClient jdbc;

    public ConfigStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public RecognitionConfig get() {
        return jdbc.sql("""
                        SELECT match_threshold, auto_tag_threshold, sample_interval_seconds, min_frames_per_video,
                          max_frames_per_video, min_det_score, min_face_size
                        FROM face_recognition_config WHERE id = 1""")
                .query((rs, n) -> new RecognitionConfig(rs.getFloat(1), rs.getFloat(2), rs.getFloat(3), rs.getInt(4),
                        rs.getInt(5), rs.getFloat(6), rs.getInt(7)))
                .single();
    }

    /** Validated by {@link RecognitionConfig}'s constructor before it gets here, and by the table's checks. */
    public RecognitionConfig update(RecognitionConfig config) {
        jdbc.sql("""
                        UPDATE face_recognition_config SET match_threshold = ?, auto_tag_threshold = ?,
                          sample_interval_seconds = ?, min_frames_per_video = ?, max_frames_per_video = ?,
                          min_det_score = ?, min_face_size = ?, updated_at = now() WHERE id = 1""")
                .params(config.matchThreshold(), config.autoTagThreshold(), config.sampleIntervalSeconds(),
                        config.minFramesPerVideo(), config.maxFramesPerVideo(), config.minDetScore(),
                        config.minFaceSize())
                .update();
        return get();
    }
}
