package io.facefleet.common.store.read;

import io.facefleet.common.matching.TrackGallery;
import io.facefleet.common.store.NearTrack;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search by photo: the face tracks nearest the photo's face ({@link TrackGallery}), at or
 * above a similarity, grouped by video, the video with the nearest track first and each video's tracks nearest first.
 */
@Repository
public class SearchQueries {

    /** The most face tracks one search looks at. */
    public static final int MAX_TRACKS = 1000;

    private final JdbcClient jdbc;
    private final TrackGallery gallery;

    public SearchQueries(JdbcClient jdbc, TrackGallery gallery) {
        this.jdbc = jdbc;
        this.gallery = gallery;
    }

    /**
     * @param videos        at most this many videos
     * @param tracks        how many nearest tracks to look at (at most {@link #MAX_TRACKS})
     * @param minSimilarity the least cosine similarity of a track to the photo's face
     */
    @Transactional(readOnly = true)
    public List<SearchHit> search(float[] embedding, int videos, int tracks, float minSimilarity) {
        Map<Long, Float> similarity = new LinkedHashMap<>();
        for (NearTrack near : gallery.nearest(embedding, Math.min(tracks, MAX_TRACKS))) {
            if (near.similarity() >= minSimilarity) {
                similarity.put(near.trackId(), near.similarity());
            }
        }
        if (similarity.isEmpty()) {
            return List.of();
        }
        record Row(long videoId, String path, SearchMoment moment) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT t.id, t.video_id, v.path, t.first_seen_seconds, t.last_seen_seconds, t.frame_timestamp,
                          t.match_status, t.matched_creator_id, c.name, m.person_id
                        FROM face_tracks t JOIN videos v ON v.id = t.video_id
                          LEFT JOIN creators c ON c.id = t.matched_creator_id AND t.match_status <> 'unmatched'
                          LEFT JOIN unknown_person_tracks m ON m.track_id = t.id AND t.match_status = 'unmatched'
                        WHERE t.id = ANY(?)""")
                .param(similarity.keySet().toArray(Long[]::new))
                .query((rs, n) -> {
                    long trackId = rs.getLong("id");
                    String status = rs.getString("match_status");
                    Long creatorId = "unmatched".equals(status) ? null : rs.getObject("matched_creator_id", Long.class);
                    return new Row(rs.getLong("video_id"), rs.getString("path"), new SearchMoment(trackId,
                            rs.getDouble("first_seen_seconds"), rs.getDouble("last_seen_seconds"),
                            rs.getDouble("frame_timestamp"), similarity.get(trackId), status, creatorId,
                            creatorId == null ? null : rs.getString("name"), rs.getObject("person_id", Long.class),
                            "/api/tracks/" + trackId + "/crop.jpg"));
                })
                .list();
        Map<Long, List<Row>> byVideo = new HashMap<>();
        rows.forEach(row -> byVideo.computeIfAbsent(row.videoId(), id -> new ArrayList<>()).add(row));
        Comparator<SearchMoment> nearestFirst = Comparator.comparing(SearchMoment::similarity).reversed();
        return byVideo.values().stream()
                .map(video -> {
                    List<SearchMoment> moments = video.stream().map(Row::moment).sorted(nearestFirst).toList();
                    return new SearchHit(video.getFirst().videoId(), video.getFirst().path(),
                            moments.getFirst().similarity(), moments);
                })
                .sorted(Comparator.comparing(SearchHit::bestSimilarity).reversed()
                        .thenComparing(SearchHit::videoId))
                .limit(videos)
                .toList();
    }
}
