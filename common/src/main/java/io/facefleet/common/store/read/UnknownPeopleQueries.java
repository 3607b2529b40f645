package io.facefleet.common.store.read;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The unknown people for the dashboard: clusters with the most appearances first, their faces and videos. */
@Repository
public class UnknownPeopleQueries {

    public static final int FACES_SHOWN = 4;
    public static final int VIDEOS_SHOWN = 5;

    /** The clusters' members still unmatched: a track matched since no longer counts. */
    private static final String MEMBERS = """
            WITH members AS (
              SELECT m.person_id, t.id, t.video_id,
                (t.bbox[3] - t.bbox[1]) * (t.bbox[4] - t.bbox[2]) * t.det_score AS quality
              FROM unknown_person_tracks m JOIN face_tracks t ON t.id = m.track_id
              WHERE t.match_status = 'unmatched')
            """;

    private final JdbcClient jdbc;

    public UnknownPeopleQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Clusters with at least one unmatched face, most appearances first; ignored ones only when asked. */
    @Transactional(readOnly = true)
    public Page<UnknownPerson> list(PageRequest page, boolean withIgnored) {
        record Row(long id, boolean ignored, long appearances, long videos, long total) {
        }
        List<Row> rows = jdbc.sql(MEMBERS + """
                        SELECT p.id, p.ignored, count(*) AS appearances, count(DISTINCT members.video_id) AS videos,
                          count(*) OVER () AS total
                        FROM unknown_people p JOIN members ON members.person_id = p.id
                        WHERE :withIgnored OR NOT p.ignored
                        GROUP BY p.id
                        ORDER BY appearances DESC, p.id LIMIT :limit OFFSET :offset""")
                .param("withIgnored", withIgnored).param("limit", page.limit()).param("offset", page.offset())
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getBoolean("ignored"), rs.getLong("appearances"),
                        rs.getLong("videos"), rs.getLong("total")))
                .list();
        long total = rows.isEmpty() ? countAll(withIgnored) : rows.getFirst().total();
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<Long>> faces = faces(ids);
        Map<Long, List<UnknownPerson.Video>> videos = videos(ids);
        return page.of(rows.stream().map(row -> new UnknownPerson(row.id(), row.ignored(), row.appearances(),
                row.videos(), faces.getOrDefault(row.id(), List.of()), videos.getOrDefault(row.id(), List.of())))
                .toList(), total);
    }

    /** One cluster, ignored or not; empty when it is not there or has no unmatched face left. */
    @Transactional(readOnly = true)
    public Optional<UnknownPerson> find(long id) {
        return jdbc.sql(MEMBERS + """
                        SELECT p.id, p.ignored, count(*) AS appearances, count(DISTINCT members.video_id) AS videos
                        FROM unknown_people p JOIN members ON members.person_id = p.id
                        WHERE p.id = ? GROUP BY p.id""")
                .param(id)
                .query((rs, n) -> new UnknownPerson(rs.getLong("id"), rs.getBoolean("ignored"),
                        rs.getLong("appearances"), rs.getLong("videos"), faces(List.of(id)).getOrDefault(id, List.of()),
                        videos(List.of(id)).getOrDefault(id, List.of())))
                .optional();
    }

    /** A cluster's unmatched face tracks, by video and time. */
    @Transactional(readOnly = true)
    public Page<UnknownPersonTrack> tracks(long id, PageRequest page) {
        long total = jdbc.sql(MEMBERS + "SELECT count(*) FROM members WHERE person_id = ?").param(id)
                .query(Long.class).single();
        List<UnknownPersonTrack> tracks = jdbc.sql("""
                        SELECT t.id, t.video_id, v.path, t.first_seen_seconds, t.last_seen_seconds, t.det_score
                        FROM unknown_person_tracks m JOIN face_tracks t ON t.id = m.track_id
                          JOIN videos v ON v.id = t.video_id
                        WHERE m.person_id = ? AND t.match_status = 'unmatched'
                        ORDER BY v.path, t.first_seen_seconds, t.id LIMIT ? OFFSET ?""")
                .params(id, page.limit(), page.offset())
                .query((rs, n) -> new UnknownPersonTrack(rs.getLong("id"), rs.getLong("video_id"),
                        rs.getString("path"), rs.getDouble("first_seen_seconds"), rs.getDouble("last_seen_seconds"),
                        rs.getFloat("det_score"), "/api/tracks/" + rs.getLong("id") + "/crop.jpg"))
                .list();
        return page.of(tracks, total);
    }

    private long countAll(boolean withIgnored) {
        return jdbc.sql(MEMBERS + """
                        SELECT count(DISTINCT p.id) FROM unknown_people p JOIN members ON members.person_id = p.id
                        WHERE ? OR NOT p.ignored""")
                .param(withIgnored).query(Long.class).single();
    }

    private Map<Long, List<Long>> faces(List<Long> ids) {
        Map<Long, List<Long>> faces = new HashMap<>();
        jdbc.sql(MEMBERS + """
                        SELECT person_id, id FROM (
                          SELECT person_id, id, row_number() OVER (PARTITION BY person_id ORDER BY quality DESC, id) AS r
                          FROM members WHERE person_id = ANY(?)) best
                        WHERE r <= ? ORDER BY person_id, r""")
                .params(ids.toArray(Long[]::new), FACES_SHOWN)
                .query((rs, n) -> faces.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)))
                .list();
        return faces;
    }

    private Map<Long, List<UnknownPerson.Video>> videos(List<Long> ids) {
        Map<Long, List<UnknownPerson.Video>> videos = new HashMap<>();
        jdbc.sql(MEMBERS + """
                        SELECT person_id, video_id, path, appearances FROM (
                          SELECT members.person_id, members.video_id, v.path, count(*) AS appearances,
                            row_number() OVER (PARTITION BY members.person_id ORDER BY count(*) DESC, v.path) AS r
                          FROM members JOIN videos v ON v.id = members.video_id
                          WHERE members.person_id = ANY(?)
                          GROUP BY members.person_id, members.video_id, v.path) ranked
                        WHERE r <= ? ORDER BY person_id, r""")
                .params(ids.toArray(Long[]::new), VIDEOS_SHOWN)
                .query((rs, n) -> videos.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new UnknownPerson.Video(rs.getLong(2), rs.getString(3), rs.getLong(4))))
                .list();
        return videos;
    }
}
