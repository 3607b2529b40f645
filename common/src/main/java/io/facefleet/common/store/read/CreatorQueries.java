package io.facefleet.common.store.read;

import io.facefleet.common.store.Creator;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.MatchRule;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the API shows of creators: the list, one creator's detail, their enrolled faces and moments in videos. */
@Repository
public class CreatorQueries {

    private final JdbcClient jdbc;
    private final CreatorStore creators;

    public CreatorQueries(JdbcClient jdbc, CreatorStore creators) {
        this.jdbc = jdbc;
        this.creators = creators;
    }

    private static final String SUMMARIES = """
            SELECT c.id, c.name, c.created_at,
              (SELECT count(*) FROM creator_photos p WHERE p.creator_id = c.id) AS photos,
              (SELECT count(*) FROM creator_face_embeddings e WHERE e.creator_id = c.id) AS embeddings,
              (SELECT count(*) FROM video_creators vc WHERE vc.creator_id = c.id) AS videos
            FROM creators c
            """;

    private static final RowMapper<CreatorSummary> SUMMARY = (rs, n) -> new CreatorSummary(rs.getLong("id"),
            rs.getString("name"), rs.getTimestamp("created_at").toInstant(), rs.getInt("photos"),
            rs.getInt("embeddings"), rs.getInt("videos"));

    /** Every creator, by name. */
    public List<CreatorSummary> all() {
        return page(null, PageRequest.ALL).items();
    }

    /** Creators by name; {@code nameContains} (case-insensitive), when given, keeps those whose name holds it. */
    public Page<CreatorSummary> page(String nameContains, PageRequest page) {
        String pattern = nameContains == null || nameContains.isBlank() ? null
                : "%" + nameContains.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String where = "WHERE (CAST(:pattern AS text) IS NULL OR c.name ILIKE :pattern) ";
        List<CreatorSummary> items = jdbc.sql(SUMMARIES + where + "ORDER BY c.name LIMIT :limit OFFSET :offset")
                .param("pattern", pattern).param("limit", page.limit()).param("offset", page.offset())
                .query(SUMMARY).list();
        long total = jdbc.sql("SELECT count(*) FROM creators c " + where).param("pattern", pattern)
                .query(Long.class).single();
        return page.of(items, total);
    }

    public Optional<CreatorSummary> summary(long id) {
        return jdbc.sql(SUMMARIES + "WHERE c.id = ?").param(id).query(SUMMARY).optional();
    }

    public Optional<CreatorDetail> detail(long id) {
        return creators.find(id).map(this::detail);
    }

    private CreatorDetail detail(Creator creator) {
        long id = creator.id();
        List<CreatorDetail.TaggedVideo> videos = jdbc.sql("""
                        SELECT v.id, v.path, v.status, vc.source, vc.confidence, vc.first_seen_seconds
                        FROM video_creators vc JOIN videos v ON v.id = vc.video_id
                        WHERE vc.creator_id = ? ORDER BY v.path""")
                .param(id)
                .query((rs, n) -> new CreatorDetail.TaggedVideo(rs.getLong("id"), rs.getString("path"),
                        rs.getString("status"), rs.getString("source"), rs.getObject("confidence", Float.class),
                        rs.getObject("first_seen_seconds", Double.class), 0, List.of()))
                .list();
        Map<Long, List<OnScreenInterval>> onScreen = onScreen(id);
        return new CreatorDetail(creator.id(), creator.name(), creator.createdAt(), creators.embeddingCount(id),
                creators.photos(id).stream().map(CreatorDetail.Photo::of).toList(),
                videos.stream().map(v -> v.withIntervals(onScreen.getOrDefault(v.videoId(), List.of()))).toList());
    }

    /** Every face track matched, confirmed or pending as the creator, by video and time. */
    public Page<CreatorMoment> moments(long creatorId, PageRequest page) {
        List<CreatorMoment> items = jdbc.sql("""
                        SELECT d.video_id, v.path, d.id, d.frame_timestamp, d.match_status, d.match_confidence,
                          d.first_seen_seconds, d.last_seen_seconds, d.sightings
                        FROM face_tracks d JOIN videos v ON v.id = d.video_id
                        WHERE d.matched_creator_id = ? AND d.match_status IN ('matched', 'confirmed', 'pending')
                        ORDER BY v.path, d.first_seen_seconds, d.id LIMIT ? OFFSET ?""")
                .params(creatorId, page.limit(), page.offset())
                .query((rs, n) -> new CreatorMoment(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4),
                        rs.getString(5), rs.getObject("match_confidence", Float.class),
                        rs.getDouble("first_seen_seconds"), rs.getDouble("last_seen_seconds"), rs.getInt("sightings")))
                .list();
        long total = jdbc.sql("""
                        SELECT count(*) FROM face_tracks
                        WHERE matched_creator_id = ? AND match_status IN ('matched', 'confirmed', 'pending')""")
                .param(creatorId).query(Long.class).single();
        return page.of(items, total);
    }

    /** By video, when the creator's matched and confirmed face tracks are on screen. */
    private Map<Long, List<OnScreenInterval>> onScreen(long creatorId) {
        record VideoTrack(long videoId, OnScreenIntervals video, TrackSpan track) {
        }
        return jdbc.sql("""
                        SELECT d.video_id, nullif(v.sample_interval_seconds, 0) AS sample_interval_seconds,
                          v.duration_seconds, d.id, d.first_seen_seconds, d.last_seen_seconds, d.match_status
                        FROM face_tracks d JOIN videos v ON v.id = d.video_id
                        WHERE d.matched_creator_id = ? AND d.match_status = ANY(CAST(? AS text[]))""")
                .params(creatorId, MatchRule.db(MatchRule.NAMING))
                .query((rs, n) -> new VideoTrack(rs.getLong("video_id"),
                        new OnScreenIntervals(rs.getObject("sample_interval_seconds", Double.class),
                                rs.getObject("duration_seconds", Double.class)),
                        new TrackSpan(rs.getLong("id"), rs.getDouble("first_seen_seconds"),
                                rs.getDouble("last_seen_seconds"), rs.getString("match_status"))))
                .list().stream()
                .collect(Collectors.groupingBy(VideoTrack::videoId, Collectors.collectingAndThen(Collectors.toList(),
                        tracks -> tracks.getFirst().video().merged(tracks.stream().map(VideoTrack::track).toList()))));
    }

    private static final String FACE_COLUMNS = """
            e.id, e.creator_id, e.source_type, e.source_path, e.photo_id, e.track_id, e.quality_score,
            e.crop_jpeg IS NOT NULL AS has_crop, e.created_at""";

    private static final RowMapper<CreatorFace> FACE = (rs, n) -> new CreatorFace(rs.getLong("id"),
            rs.getLong("creator_id"), rs.getString("source_type"), rs.getString("source_path"),
            rs.getObject("photo_id", Long.class), rs.getObject("track_id", Long.class),
            rs.getObject("quality_score", Float.class), rs.getBoolean("has_crop"), Rows.instant(rs, "created_at"));

    /** Every creator's first few enrolled faces with a crop (photos before confirmed faces), for a grid. */
    public Page<CreatorFace> referenceFaces(int perCreator, PageRequest page) {
        String faces = """
                FROM (SELECT %s, row_number() OVER (PARTITION BY e.creator_id
                        ORDER BY e.source_type = 'photo' DESC, e.id) AS position
                      FROM creator_face_embeddings e WHERE e.crop_jpeg IS NOT NULL) e
                WHERE position <= ?""".formatted(FACE_COLUMNS);
        List<CreatorFace> items = jdbc.sql("SELECT * " + faces + " ORDER BY creator_id, position LIMIT ? OFFSET ?")
                .params(perCreator, page.limit(), page.offset()).query(FACE).list();
        long total = jdbc.sql("SELECT count(*) " + faces).param(perCreator).query(Long.class).single();
        return page.of(items, total);
    }

    /** The creator's enrolled faces, oldest first. */
    public Page<CreatorFace> faces(long creatorId, PageRequest page) {
        List<CreatorFace> items = jdbc.sql("SELECT " + FACE_COLUMNS
                        + " FROM creator_face_embeddings e WHERE e.creator_id = ? ORDER BY e.id LIMIT ? OFFSET ?")
                .params(creatorId, page.limit(), page.offset()).query(FACE).list();
        return page.of(items, creators.embeddingCount(creatorId));
    }
}
