package io.facefleet.common.store.read;

import io.facefleet.common.store.Candidate;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.Vectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The review queue: pending face tracks, largest first (easiest to judge), then the most confident. */
@Repository
public class ReviewQueries {

    /** The nearest creators shown with each face track. */
    public static final int CANDIDATES = 3;

    private record PendingFace(long trackId, long videoId, String videoPath, double frameTimestamp, float[] bbox,
                               float detScore, Candidate current, float[] embedding, double firstSeenSeconds,
                               double lastSeenSeconds, int sightings) {
    }

    private final JdbcClient jdbc;
    private final CreatorStore creators;

    public ReviewQueries(JdbcClient jdbc, CreatorStore creators) {
        this.jdbc = jdbc;
        this.creators = creators;
    }

    @Transactional(readOnly = true)
    public Page<ReviewItem> pending(PageRequest page) {
        List<ReviewItem> items = jdbc.sql("""
                        SELECT d.id, d.video_id, v.path, d.frame_timestamp, d.bbox, d.det_score, d.matched_creator_id,
                          c.name, d.match_confidence, t.embedding::text AS embedding, d.first_seen_seconds, d.last_seen_seconds,
                          d.sightings
                        FROM face_tracks d
                          JOIN face_track_embeddings t ON t.track_id = d.id
                          JOIN videos v ON v.id = d.video_id
                          LEFT JOIN creators c ON c.id = d.matched_creator_id
                        WHERE d.match_status = 'pending'
                        ORDER BY (d.bbox[3] - d.bbox[1]) * (d.bbox[4] - d.bbox[2]) DESC,
                          d.match_confidence DESC NULLS LAST, d.id
                        LIMIT ? OFFSET ?""")
                .params(page.limit(), page.offset())
                .query((rs, n) -> {
                    Long creatorId = rs.getObject("matched_creator_id", Long.class);
                    Candidate current = creatorId == null ? null
                            : new Candidate(creatorId, rs.getString("name"), rs.getFloat("match_confidence"));
                    return new PendingFace(rs.getLong("id"), rs.getLong("video_id"), rs.getString("path"),
                            rs.getDouble("frame_timestamp"), Vectors.realArray(rs, "bbox"), rs.getFloat("det_score"),
                            current, Vectors.vector(rs, "embedding"),
                            rs.getDouble("first_seen_seconds"), rs.getDouble("last_seen_seconds"), rs.getInt("sightings"));
                })
                .list().stream()
                .map(face -> new ReviewItem(face.trackId(), face.videoId(), face.videoPath(),
                        face.frameTimestamp(), face.bbox(), face.detScore(), face.current(),
                        creators.candidates(face.trackId(), face.embedding(), CANDIDATES), face.firstSeenSeconds(),
                        face.lastSeenSeconds(), face.sightings()))
                .toList();
        long total = jdbc.sql("SELECT count(*) FROM face_tracks WHERE match_status = 'pending'")
                .query(Long.class).single();
        return page.of(items, total);
    }
}
