package io.facefleet.common.store;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Repository
public class VideoStore {

    static final RowMapper<Video> VIDEO = (rs, n) -> new Video(rs.getLong("id"), rs.getString("path"),
            rs.getLong("size_bytes"), rs.getTimestamp("mtime").toInstant(),
            (Double) rs.getObject("duration_seconds"), (Double) rs.getObject("fps"),
            (Integer) rs.getObject("width"), (Integer) rs.getObject("height"),
            VideoStatus.fromDb(rs.getString("status")), rs.getString("error"), rs.getInt("attempts"),
            rs.getObject("run_id", UUID.class),
            rs.getTimestamp("processed_at") == null ? null : rs.getTimestamp("processed_at").toInstant());

    private final JdbcClient jdbc;

    public VideoStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Video> find(long id) {
        return jdbc.sql("SELECT * FROM videos WHERE id = ?").param(id).query(VIDEO).optional();
    }

    public Optional<Video> findByPath(String path) {
        return jdbc.sql("SELECT * FROM videos WHERE path = ?").param(path).query(VIDEO).optional();
    }

    public List<Video> all() {
        return jdbc.sql("SELECT * FROM videos ORDER BY path").query(VIDEO).list();
    }

    /** See {@link VideoLifecycle#found}. */
    Video register(String path, long sizeBytes, Instant mtime) {
        return jdbc.sql("""
                        INSERT INTO videos (path, size_bytes, mtime) VALUES (:path, :size, :mtime)
                        ON CONFLICT (path) DO UPDATE SET size_bytes = :size, mtime = :mtime, status = 'new',
                            error = NULL, updated_at = now()
                          WHERE videos.size_bytes <> :size OR videos.mtime <> :mtime OR videos.status = 'missing'
                        RETURNING *""")
                .param("path", path).param("size", sizeBytes).param("mtime", Timestamp.from(mtime))
                .query(VIDEO).optional()
                .or(() -> findByPath(path))
                .orElseThrow();
    }

    boolean changeStatus(long id, VideoStatus to, Set<VideoStatus> from) {
        return jdbc.sql("""
                        UPDATE videos SET status = ?, updated_at = now() WHERE id = ? AND status = ANY (?::text[])""")
                .params(to.db(), id, names(from)).update() == 1;
    }

    int markMissing(String root, Set<String> present, Set<VideoStatus> from) {
        String prefix = root.endsWith("/") ? root : root + "/";
        List<String> gone = jdbc.sql("SELECT path FROM videos WHERE path LIKE ? AND status = ANY (?::text[])")
                .params(prefix.replace("%", "\\%").replace("_", "\\_") + "%", names(from))
                .query(String.class).list().stream().filter(p -> !present.contains(p)).toList();
        gone.forEach(path -> jdbc.sql("UPDATE videos SET status = 'missing', updated_at = now() WHERE path = ?")
                .param(path).update());
        return gone.size();
    }

    Optional<UUID> startRun(long id, Set<VideoStatus> from) {
        UUID runId = UUID.randomUUID();
        int updated = jdbc.sql("""
                        UPDATE videos SET status = 'processing', run_id = ?, attempts = attempts + 1, error = NULL,
                          updated_at = now() WHERE id = ? AND status = ANY (?::text[])""")
                .params(runId, id, names(from)).update();
        return updated == 1 ? Optional.of(runId) : Optional.empty();
    }

    /**
     * Locks the video's row until the transaction ends and says whether this run still owns it: a run that was
     * taken over (its worker was presumed dead) must not write its results over the newer run's.
     */
    public boolean lockForRun(long id, UUID runId) {
        return jdbc.sql("SELECT run_id FROM videos WHERE id = ? FOR UPDATE").param(id)
                .query(UUID.class).optional().map(runId::equals).orElse(false);
    }

    boolean markDone(long id, UUID runId, VideoFacts facts, VideoSampling sampling, Set<VideoStatus> from) {
        return jdbc.sql("""
                        UPDATE videos SET status = 'done', error = NULL, duration_seconds = ?, fps = ?, width = ?,
                          height = ?, sample_interval_seconds = ?, frames_sampled = ?, frames_decoded = ?,
                          keyframe_interval_seconds = ?, partial_reason = ?, processed_at = now(), updated_at = now()
                        WHERE id = ? AND run_id = ? AND status = ANY (?::text[])""")
                .params(facts.durationSeconds(), facts.fps(), facts.width(), facts.height(),
                        sampling.intervalSeconds(), sampling.framesSampled(), sampling.framesDecoded(),
                        sampling.keyframeIntervalSeconds(), sampling.partialReason(), id, runId, names(from))
                .update() == 1;
    }

    /** How the video's last run sampled it; empty before its first run. */
    public Optional<VideoSampling> sampling(long id) {
        return jdbc.sql("""
                        SELECT sample_interval_seconds, frames_sampled, frames_decoded, keyframe_interval_seconds,
                          partial_reason FROM videos WHERE id = ? AND frames_sampled IS NOT NULL""")
                .param(id)
                .query((rs, n) -> new VideoSampling(rs.getDouble(1), rs.getInt(2), rs.getInt(3),
                        (Double) rs.getObject(4), rs.getString(5)))
                .optional();
    }

    boolean markFailed(long id, UUID runId, String error, Set<VideoStatus> from) {
        return jdbc.sql("""
                        UPDATE videos SET status = 'failed', error = ?, updated_at = now()
                        WHERE id = ? AND run_id = ? AND status = ANY (?::text[])""")
                .params(error, id, runId, names(from)).update() == 1;
    }

    private static String[] names(Set<VideoStatus> statuses) {
        return statuses.stream().map(VideoStatus::db).toArray(String[]::new);
    }

    /** Locks the video's row until the transaction ends (a reviewer's decision on one of its face tracks). */
    public void lockRow(long id) {
        jdbc.sql("SELECT id FROM videos WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional();
    }

    /** The library's videos by status, every status present (0 where none). */
    public Map<VideoStatus, Long> countByStatus() {
        Map<VideoStatus, Long> counts = new EnumMap<>(VideoStatus.class);
        for (VideoStatus status : VideoStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM videos GROUP BY status")
                .query(rs -> {
                    counts.put(VideoStatus.fromDb(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** Videos whose processing finished after the instant. */
    public long countDoneSince(Instant since) {
        return jdbc.sql("SELECT count(*) FROM videos WHERE status = 'done' AND processed_at > ?")
                .param(Timestamp.from(since)).query(Long.class).single();
    }

    /** When the last video's processing finished; empty before the first. */
    public Optional<Instant> lastProcessedAt() {
        Timestamp last = jdbc.sql("SELECT max(processed_at) FROM videos").query(Timestamp.class).list().getFirst();
        return Optional.ofNullable(last).map(Timestamp::toInstant);
    }
}
