package io.facefleet.common.store.read;

import io.facefleet.common.store.MatchRule;
import io.facefleet.common.store.MatchStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a video's face tracks and lays them out as its {@link VideoTimeline}. */
@Repository
public class VideoTimelineQueries {

    private static final Set<String> NAMED = MatchRule.NAMING.stream().map(MatchStatus::db)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> UNNAMED = Set.of("pending", "unmatched");

    private record Sampled(Double durationSeconds, Double sampleIntervalSeconds, String partialReason) {
    }

    /** A face track as the timeline shows it; the tag's source and confidence are its creator's in this video. */
    private record Track(TrackSpan span, Long creatorId, String creatorName, Float confidence, int sightings,
                         boolean hasCrop, String tagSource, Float tagConfidence) {
    }

    private final JdbcClient jdbc;

    public VideoTimelineQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty if there is no such video. */
    public Optional<VideoTimeline> timeline(long videoId) {
        return jdbc.sql("""
                        SELECT duration_seconds, nullif(sample_interval_seconds, 0) AS sample_interval_seconds,
                          partial_reason
                        FROM videos WHERE id = ?""")
                .param(videoId)
                .query((rs, n) -> new Sampled(rs.getObject("duration_seconds", Double.class),
                        rs.getObject("sample_interval_seconds", Double.class), rs.getString("partial_reason")))
                .optional().map(video -> timeline(videoId, video));
    }

    private VideoTimeline timeline(long videoId, Sampled video) {
        List<Track> tracks = jdbc.sql("""
                        SELECT d.id, d.first_seen_seconds, d.last_seen_seconds, d.match_status, d.matched_creator_id,
                          c.name, d.match_confidence, d.sightings, d.crop_jpeg IS NOT NULL AS has_crop,
                          vc.source AS tag_source, vc.confidence AS tag_confidence
                        FROM face_tracks d
                          LEFT JOIN creators c ON c.id = d.matched_creator_id
                          LEFT JOIN video_creators vc ON vc.video_id = d.video_id AND vc.creator_id = d.matched_creator_id
                        WHERE d.video_id = ? AND d.match_status IN ('matched', 'confirmed', 'pending', 'unmatched')
                        ORDER BY d.first_seen_seconds, d.id""")
                .param(videoId)
                .query((rs, n) -> new Track(new TrackSpan(rs.getLong("id"), rs.getDouble("first_seen_seconds"),
                        rs.getDouble("last_seen_seconds"), rs.getString("match_status")),
                        rs.getObject("matched_creator_id", Long.class), rs.getString("name"),
                        rs.getObject("match_confidence", Float.class), rs.getInt("sightings"),
                        rs.getBoolean("has_crop"), rs.getString("tag_source"),
                        rs.getObject("tag_confidence", Float.class)))
                .list();
        OnScreenIntervals onScreen = new OnScreenIntervals(video.sampleIntervalSeconds(), video.durationSeconds());
        return new VideoTimeline(videoId, video.durationSeconds(), video.sampleIntervalSeconds(),
                video.partialReason(), people(tracks, onScreen), unnamed(tracks, onScreen));
    }

    private static boolean named(Track track) {
        return track.creatorId() != null && NAMED.contains(track.span().status());
    }

    /** Tracks come in order of first sighting, so the creators' groups are in order of first appearance. */
    private static List<VideoTimeline.Person> people(List<Track> tracks, OnScreenIntervals onScreen) {
        Map<Long, List<Track>> byCreator = new LinkedHashMap<>();
        tracks.stream().filter(VideoTimelineQueries::named)
                .forEach(t -> byCreator.computeIfAbsent(t.creatorId(), id -> new ArrayList<>()).add(t));
        return byCreator.values().stream().map(own -> {
            List<OnScreenInterval> intervals = onScreen.merged(own.stream().map(Track::span).toList());
            Track best = own.stream().max(Comparator.comparing(Track::hasCrop)
                    .thenComparing(t -> t.confidence() == null ? -1f : t.confidence())
                    .thenComparingInt(Track::sightings)).orElseThrow();
            Track first = own.getFirst();
            Float confidence = first.tagConfidence() != null ? first.tagConfidence()
                    : own.stream().map(Track::confidence).filter(Objects::nonNull)
                    .max(Float::compare).orElse(null);
            return new VideoTimeline.Person(first.creatorId(), first.creatorName(),
                    first.tagSource() == null ? "auto" : first.tagSource(), confidence,
                    OnScreenIntervals.totalSeconds(intervals), best.span().trackId(), intervals);
        }).toList();
    }

    private static List<VideoTimeline.Unnamed> unnamed(List<Track> tracks, OnScreenIntervals onScreen) {
        return tracks.stream().filter(t -> UNNAMED.contains(t.span().status())).map(t -> {
            OnScreenInterval interval = onScreen.of(t.span());
            return new VideoTimeline.Unnamed(t.span().trackId(), t.span().status(), t.creatorId(),
                    t.creatorName(), t.confidence(), interval.startSeconds(), interval.endSeconds(), t.sightings());
        }).toList();
    }
}
