package io.facefleet.common.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;

/** Which creators appear in which videos (video_creators). */
@Repository
public class TagStore {

    private final JdbcClient jdbc;

    public TagStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Recomputes a video's tags from its matched and confirmed face tracks (confidence: the best track; first seen:
     * the earliest; on screen: the union of the tracks' intervals — first to last sighting, plus half a sampling
     * interval each side — within the video). A tag is {@code manual} where a reviewer confirmed one of its tracks,
     * {@code auto} where only matching named the creator.
     */
    public void refreshTags(long videoId) {
        refreshTags(List.of(videoId));
    }

    /** {@link #refreshTags(long)} for many videos at once (a rematch re-tags every video it changed). */
    public void refreshTags(Collection<Long> videoIds) {
        if (videoIds.isEmpty()) {
            return;
        }
        Long[] videos = videoIds.stream().distinct().sorted().toArray(Long[]::new);
        jdbc.sql("DELETE FROM video_creators WHERE video_id = ANY(?)").param(videos).update();
        jdbc.sql("""
                        WITH video AS (
                          SELECT id AS video_id, coalesce(sample_interval_seconds, 0) / 2 AS half,
                            duration_seconds AS duration
                          FROM videos WHERE id = ANY(:videos)),
                        spans AS (
                          SELECT t.video_id, t.matched_creator_id AS creator_id, t.match_status, t.match_confidence,
                            t.first_seen_seconds,
                            greatest(0, t.first_seen_seconds - v.half) AS starts,
                            least(coalesce(v.duration, 'infinity'), t.last_seen_seconds + v.half) AS ends
                          FROM face_tracks t JOIN video v USING (video_id)
                          WHERE t.matched_creator_id IS NOT NULL
                            AND t.match_status = ANY(CAST(:naming AS text[]))),
                        opened AS (
                          SELECT *, CASE WHEN starts <= max(ends) OVER (PARTITION BY video_id, creator_id
                                           ORDER BY starts, ends ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                                         THEN 0 ELSE 1 END AS opens
                          FROM spans),
                        islands AS (
                          SELECT video_id, creator_id, starts, ends,
                            sum(opens) OVER (PARTITION BY video_id, creator_id ORDER BY starts, ends) AS island
                          FROM opened),
                        on_screen AS (
                          SELECT video_id, creator_id, sum(length) AS seconds
                          FROM (SELECT video_id, creator_id, max(ends) - min(starts) AS length FROM islands
                                GROUP BY video_id, creator_id, island) merged
                          GROUP BY video_id, creator_id)
                        INSERT INTO video_creators (video_id, creator_id, source, confidence, first_seen_seconds,
                          on_screen_seconds)
                        SELECT s.video_id, s.creator_id,
                          CASE WHEN bool_or(s.match_status = :confirmed) THEN 'manual' ELSE 'auto' END,
                          max(s.match_confidence), min(s.first_seen_seconds), min(o.seconds)
                        FROM spans s JOIN on_screen o USING (video_id, creator_id)
                        GROUP BY s.video_id, s.creator_id
                        ON CONFLICT (video_id, creator_id) DO NOTHING""")
                .param("videos", videos).param("naming", MatchRule.db(MatchRule.NAMING))
                .param("confirmed", MatchStatus.CONFIRMED.db()).update();
    }
}
