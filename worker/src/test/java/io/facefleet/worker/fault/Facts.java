package io.facefleet.worker.fault;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Real outcomes, read from the database: JobRunr's jobs and their histories, a video's faces and tags. */
final class Facts {

    /** One entry of a JobRunr job's history (jobAsJson → jobHistory). */
    record JobState(String state, String serverName, Instant at, String message, String exceptionType) {
    }

    /** A row of face_tracks. */
    record Detection(long id, double frameTimestamp, float[] bbox, Instant createdAt, String status, Long creatorId,
                     Float confidence) {

        /** The same face as {@code other}: the same frame, the box within {@code pixels} on every side. */
        boolean sameFaceAs(Detection other, float pixels) {
            if (frameTimestamp != other.frameTimestamp) {
                return false;
            }
            for (int i = 0; i < 4; i++) {
                if (Math.abs(bbox[i] - other.bbox[i]) > pixels) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "face " + id + " at " + frameTimestamp + " s " + Arrays.toString(bbox) + " " + status
                    + (creatorId == null ? "" : " creator " + creatorId + " (" + confidence + ")");
        }
    }

    /** A face, what it is matched to, and the creator nearest to it by exact cosine similarity over every embedding. */
    record Nearest(long trackId, String status, Long creatorId, Float confidence, Long nearestCreator,
                   Float nearestSimilarity) {
    }

    private final JdbcClient jdbc;

    Facts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids of the jobs whose request is {@code handler}'s with {@code field = value} (e.g. videoId), oldest first. */
    List<String> jobIds(String handler, String field, long value) {
        return jdbc.sql("""
                        SELECT id FROM jobrunr_jobs
                        WHERE jobasjson::jsonb #>> '{jobDetails,className}' = :handler
                          AND jobasjson::jsonb #>> ARRAY['jobDetails','jobParameters','0','object', :field] = :value
                        ORDER BY createdat""")
                .param("handler", "io.facefleet.common.jobs." + handler).param("field", field)
                .param("value", Long.toString(value)).query(String.class).list();
    }

    String onlyJob(String handler, String field, long value) {
        List<String> ids = jobIds(handler, field, value);
        if (ids.size() != 1) {
            throw new AssertionError("Expected one " + handler + " job for " + field + " " + value + ", found " + ids);
        }
        return ids.getFirst();
    }

    String videoJob(long videoId) {
        return onlyJob("ProcessVideoHandler", "videoId", videoId);
    }

    String state(String jobId) {
        return jdbc.sql("SELECT state FROM jobrunr_jobs WHERE id = ?").param(jobId).query(String.class).single();
    }

    List<JobState> history(String jobId) {
        return jdbc.sql("""
                        SELECT h->>'state', h->>'serverName', h->>'createdAt',
                               coalesce(h->>'exceptionMessage', h->>'message', h->>'reason'), h->>'exceptionType'
                        FROM jobrunr_jobs j, jsonb_array_elements(j.jobasjson::jsonb->'jobHistory') WITH ORDINALITY AS x(h, n)
                        WHERE j.id = ? ORDER BY n""")
                .param(jobId)
                .query((rs, n) -> new JobState(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    /** The JobRunr server that is processing the job now, if it is in PROCESSING. */
    Optional<String> processingServer(String jobId) {
        return jdbc.sql("""
                        SELECT jobasjson::jsonb->'jobHistory'->-1->>'serverName' FROM jobrunr_jobs
                        WHERE id = ? AND state = 'PROCESSING'""")
                .param(jobId).query(String.class).optional();
    }

    List<Detection> detections(long videoId) {
        return jdbc.sql("""
                        SELECT id, frame_timestamp, bbox, created_at, match_status, matched_creator_id, match_confidence
                        FROM face_tracks WHERE video_id = ? ORDER BY frame_timestamp, bbox[1], bbox[2], id""")
                .param(videoId)
                .query((rs, n) -> {
                    Object[] box = (Object[]) rs.getArray(3).getArray();
                    float[] bbox = new float[box.length];
                    for (int i = 0; i < box.length; i++) {
                        bbox[i] = ((Number) box[i]).floatValue();
                    }
                    return new Detection(rs.getLong(1), rs.getDouble(2), bbox, rs.getTimestamp(4).toInstant(),
                            rs.getString(5), (Long) rs.getObject(6), (Float) rs.getObject(7));
                })
                .list();
    }

    List<Long> trackIds(long videoId) {
        return jdbc.sql("SELECT id FROM face_tracks WHERE video_id = ? ORDER BY id").param(videoId)
                .query(Long.class).list();
    }

    /**
     * Each face of the video with the creator whose embedding is nearest, computed exactly: the ORDER BY is on
     * the similarity, which no HNSW index serves, so every embedding is compared.
     */
    List<Nearest> nearest(long videoId) {
        return jdbc.sql("""
                        SELECT d.id, d.match_status, d.matched_creator_id, d.match_confidence, n.creator_id, n.similarity
                        FROM face_tracks d JOIN face_track_embeddings t ON t.track_id = d.id
                        LEFT JOIN LATERAL (
                          SELECT e.creator_id, (1 - (t.embedding <=> e.embedding))::real AS similarity
                          FROM creator_face_embeddings e ORDER BY 2 DESC, e.creator_id LIMIT 1) n ON true
                        WHERE d.video_id = ? ORDER BY d.id""")
                .param(videoId)
                .query((rs, n) -> new Nearest(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3),
                        (Float) rs.getObject(4), (Long) rs.getObject(5), (Float) rs.getObject(6)))
                .list();
    }

    float threshold(String column) {
        return jdbc.sql("SELECT " + column + " FROM face_recognition_config").query(Float.class).single();
    }

    /** Faces stored twice: the same frame and the same box. */
    int duplicateFaces(long videoId) {
        return jdbc.sql("""
                        SELECT count(*) FROM (SELECT frame_timestamp, bbox FROM face_tracks WHERE video_id = ?
                                              GROUP BY frame_timestamp, bbox HAVING count(*) > 1) d""")
                .param(videoId).query(Integer.class).single();
    }

    /**
     * How many transactions wrote the video's faces. created_at defaults to now(), the start of the transaction,
     * so one run's faces share one value: more than one means two runs' faces were mixed.
     */
    int faceWrites(long videoId) {
        return jdbc.sql("SELECT count(DISTINCT created_at) FROM face_tracks WHERE video_id = ?")
                .param(videoId).query(Integer.class).single();
    }

    /**
     * What contradicts "each face belongs to its nearest creator": a face within the match threshold of some creator
     * must point at the nearest one, with that similarity and the status it earns; a face below it stays unmatched.
     * Empty when the video's faces are consistent.
     */
    List<String> wronglyMatchedFaces(long videoId) {
        float match = threshold("match_threshold");
        float autoTag = threshold("auto_tag_threshold");
        List<String> wrong = new ArrayList<>();
        for (Nearest n : nearest(videoId)) {
            if (n.nearestSimilarity() != null && n.nearestSimilarity() >= match) {
                String status = n.nearestSimilarity() >= autoTag ? "matched" : "pending";
                if (!n.nearestCreator().equals(n.creatorId()) || n.confidence() == null
                        || Math.abs(n.confidence() - n.nearestSimilarity()) > 1e-4 || !status.equals(n.status())) {
                    wrong.add(n + ": expected creator " + n.nearestCreator() + " (" + n.nearestSimilarity() + "), "
                            + status);
                }
            } else if (!"unmatched".equals(n.status()) || (n.confidence() != null && n.confidence() >= match)) {
                wrong.add(n + ": expected unmatched, no creator is within the match threshold");
            }
        }
        return wrong;
    }

    /** The video's automatic tags against its matched faces: one row per creator with a matched face, no other. */
    List<String> wrongTags(long videoId) {
        List<Long> tagged = jdbc.sql("""
                        SELECT creator_id FROM video_creators WHERE video_id = ? AND source = 'auto' ORDER BY creator_id""")
                .param(videoId).query(Long.class).list();
        List<Long> matched = jdbc.sql("""
                        SELECT DISTINCT matched_creator_id FROM face_tracks
                        WHERE video_id = ? AND match_status IN ('matched', 'confirmed') ORDER BY 1""")
                .param(videoId).query(Long.class).list();
        return tagged.equals(matched) ? List.of()
                : List.of("video " + videoId + " is tagged with creators " + tagged + " but its matched faces are of " + matched);
    }

    int tracksOf(long videoId, long creatorId, String status) {
        return jdbc.sql("""
                        SELECT count(*) FROM face_tracks
                        WHERE video_id = ? AND matched_creator_id = ? AND match_status = ?""")
                .params(videoId, creatorId, status).query(Integer.class).single();
    }

    /** video_creators rows for the video, by creator: at most one each (the primary key says so; checked anyway). */
    List<Long> taggedCreators(long videoId) {
        return jdbc.sql("SELECT creator_id FROM video_creators WHERE video_id = ? ORDER BY creator_id")
                .param(videoId).query(Long.class).list();
    }
}
