package io.facefleet.common.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

@Repository
public class DetectionStore {

    private final JdbcClient jdbc;

    public DetectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces every face of a video, so that running a video again never duplicates its rows. */
    public void replace(long videoId, List<NewDetection> detections) {
        jdbc.sql("DELETE FROM video_face_detections WHERE video_id = ?").param(videoId).update();
        for (NewDetection d : detections) {
            jdbc.sql("""
                            INSERT INTO video_face_detections (video_id, frame_timestamp, embedding, bbox, det_score,
                              landmarks, matched_creator_id, match_confidence, match_status, crop_jpeg)
                            VALUES (?, ?, ?, ?::real[], ?, ?::real[], ?, ?, ?, ?)""")
                    .params(videoId, d.frameTimestamp(), Vectors.vector(d.embedding()), Vectors.realArray(d.bbox()),
                            d.detScore(), Vectors.realArray(d.landmarks()), d.creatorId(), d.confidence(),
                            d.status().db(), d.cropJpeg())
                    .update();
        }
    }

    public int count(long videoId) {
        return jdbc.sql("SELECT count(*) FROM video_face_detections WHERE video_id = ?").param(videoId)
                .query(Integer.class).single();
    }

    /**
     * Faces no person has decided on (matched automatically, pending or unmatched) within {@code maxDistance}
     * (cosine) of an embedding, nearest first, through the HNSW index. Automatically matched faces are included: a
     * creator enrolled later may be nearer than the one they were matched to. Iterative index scans (pgvector 0.8)
     * keep the filter from starving the result.
     */
    public List<DetectionCandidate> undecidedNear(float[] embedding, float maxDistance, long excludedCreatorId, int limit) {
        jdbc.sql("SET LOCAL hnsw.iterative_scan = relaxed_order").update();
        return jdbc.sql("""
                        SELECT id, video_id, 1 - (embedding <=> :e) AS similarity FROM video_face_detections d
                        WHERE match_status IN ('matched', 'pending', 'unmatched') AND embedding <=> :e <= :maxDistance
                          AND NOT EXISTS (SELECT 1 FROM detection_rejections r
                                          WHERE r.detection_id = d.id AND r.creator_id = :creator)
                        ORDER BY embedding <=> :e LIMIT :limit""")
                .param("e", Vectors.vector(embedding)).param("maxDistance", maxDistance)
                .param("creator", excludedCreatorId).param("limit", limit)
                .query((rs, n) -> new DetectionCandidate(rs.getLong(1), rs.getLong(2), rs.getFloat(3))).list();
    }

    /**
     * Gives a face no person has decided on (matched automatically, pending or unmatched) to a creator when that
     * creator is a better match than its current one. Whatever order two rematches run in, each face ends with its
     * best match; confirmed and rejected faces are left as they are, and a creator a reviewer ruled out for the face
     * (even while this rematch ran) never gets it back.
     */
    public boolean improveMatch(long detectionId, long creatorId, float similarity, MatchStatus status) {
        // Wait for a reviewer's decision on this face first: an UPDATE that waited for the row would re-check it
        // with its old snapshot, blind to a rejection committed meanwhile; the next statement sees it.
        jdbc.sql("SELECT id FROM video_face_detections WHERE id = ? FOR UPDATE").param(detectionId)
                .query(Long.class).optional();
        return jdbc.sql("""
                        UPDATE video_face_detections d SET matched_creator_id = ?, match_confidence = ?, match_status = ?
                        WHERE id = ? AND match_status IN ('matched', 'pending', 'unmatched')
                          AND (match_confidence IS NULL OR match_confidence < ? OR matched_creator_id IS NULL)
                          AND NOT EXISTS (SELECT 1 FROM detection_rejections r
                                          WHERE r.detection_id = d.id AND r.creator_id = ?)""")
                .params(creatorId, similarity, status.db(), detectionId, similarity, creatorId)
                .update() == 1;
    }
}
