package io.facefleet.scheduler.video;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.VideoSampling;
import io.facefleet.common.store.VideoStore;
import io.facefleet.scheduler.support.FaceData;
import io.facefleet.scheduler.support.SchedulerApi;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;

import static io.facefleet.scheduler.support.ApiAssertions.assertError;
import static io.facefleet.scheduler.support.FaceData.track;
import static io.facefleet.scheduler.support.TestVectors.axis;
import static io.facefleet.scheduler.support.TestVectors.near;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is on screen when: a 58.5 s video sampled every 2 s, so that each track stands for 1 s either side of its
 * first and last sighting, within [0, 58.5].
 */
@SchedulerTest
class VideoTimelineApiTest {

    private static final double DURATION = 58.5;
    private static final VideoSampling EVERY_2S =
            new VideoSampling(2.0, 30, 1462, 4.0, "Invalid NAL unit size at 58.5 s");

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_scheduler_timeline", registry, () -> library, false);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    VideoStore videos;
    @Autowired
    CreatorStore creators;
    @Autowired
    FaceTrackStore faceTracks;
    @Autowired
    TagStore tags;

    private SchedulerApi api;
    private long obama;
    private long michelle;
    private long video;
    private long queued;
    private List<Long> ids;

    /**
     * Obama in two overlapping tracks (10–14 s and 14–20 s: on screen 9–15 and 13–21, merged to 9–21); Michelle at
     * the very start (0–2 s: clipped to 0–3) and at the end (56–58 s: 55–59 clipped to 58.5); a track waiting for
     * review (30–32 s) and one nobody matched (44 s).
     */
    @BeforeEach
    void aVideoWithTwoCreatorsAndTwoUnnamedTracks() {
        api = new SchedulerApi(port);
        FaceData data = new FaceData(jdbc, videos, creators, faceTracks, tags);
        data.clear();
        obama = data.creator("Barack Obama", axis(0));
        michelle = data.creator("Michelle Obama", axis(1));
        video = data.video("/videos/timeline.mp4");
        queued = data.video("/videos/queued.mp4");
        ids = data.processed(video, DURATION, EVERY_2S,
                track(0, 2, 2, near(1, 0.7, 0, 0.1, 2), michelle, 0.7f, MatchStatus.MATCHED),
                track(10, 14, 2, near(0, 0.8, 1, 0.1, 3), obama, 0.8f, MatchStatus.MATCHED),
                track(14, 20, 2, near(0, 0.9, 1, 0.1, 4), obama, 0.9f, MatchStatus.CONFIRMED),
                track(30, 32, 2, near(0, 0.45, 1, 0.1, 5), obama, 0.45f, MatchStatus.PENDING),
                track(44, 44, 2, axis(6), null, null, MatchStatus.UNMATCHED),
                track(56, 58, 2, near(1, 0.75, 0, 0.1, 7), michelle, 0.75f, MatchStatus.MATCHED));
    }

    @Test
    void namesEachCreatorsMergedIntervalsInOrderOfFirstAppearance() {
        JsonNode timeline = api.get("/api/videos/" + video + "/timeline").getBody();

        assertThat(timeline.get("video_id").longValue()).isEqualTo(video);
        assertThat(timeline.get("duration_seconds").doubleValue()).isEqualTo(DURATION);
        assertThat(timeline.get("sample_interval_seconds").doubleValue()).isEqualTo(2.0);
        assertThat(timeline.get("partial_reason").stringValue()).isEqualTo("Invalid NAL unit size at 58.5 s");
        JsonNode people = timeline.get("people");
        assertThat(people.size()).isEqualTo(2);

        JsonNode first = people.get(0);
        assertThat(first.get("creator_id").longValue()).isEqualTo(michelle);
        assertThat(first.get("name").stringValue()).isEqualTo("Michelle Obama");
        assertThat(first.get("source").stringValue()).isEqualTo("auto");
        assertThat(first.get("confidence").floatValue()).isEqualTo(0.75f);
        assertThat(first.get("on_screen_seconds").doubleValue()).isEqualTo(6.5);
        assertThat(first.get("crop_track_id").longValue()).isEqualTo(ids.get(5));
        assertInterval(first.get("intervals").get(0), 0.0, 3.0, ids.get(0), "matched");
        assertInterval(first.get("intervals").get(1), 55.0, 58.5, ids.get(5), "matched");
        assertThat(first.get("intervals").size()).isEqualTo(2);

        JsonNode second = people.get(1);
        assertThat(second.get("creator_id").longValue()).isEqualTo(obama);
        assertThat(second.get("confidence").floatValue()).isEqualTo(0.9f);
        assertThat(second.get("on_screen_seconds").doubleValue()).isEqualTo(12.0);
        assertThat(second.get("crop_track_id").longValue()).isEqualTo(ids.get(2));
        assertThat(second.get("intervals").size()).isEqualTo(1);
        assertInterval(second.get("intervals").get(0), 9.0, 21.0, ids.get(2), "confirmed"); // the longer track
    }

    @Test
    void listsTheTracksNobodyIsNamedForInTimeOrder() {
        JsonNode unnamed = api.get("/api/videos/" + video + "/timeline").getBody().get("unnamed");

        assertThat(unnamed.size()).isEqualTo(2);
        JsonNode pending = unnamed.get(0);
        assertThat(pending.get("track_id").longValue()).isEqualTo(ids.get(3));
        assertThat(pending.get("status").stringValue()).isEqualTo("pending");
        assertThat(pending.get("candidate_creator_id").longValue()).isEqualTo(obama);
        assertThat(pending.get("candidate_name").stringValue()).isEqualTo("Barack Obama");
        assertThat(pending.get("similarity").floatValue()).isEqualTo(0.45f);
        assertThat(pending.get("start_seconds").doubleValue()).isEqualTo(29.0);
        assertThat(pending.get("end_seconds").doubleValue()).isEqualTo(33.0);
        assertThat(pending.get("sightings").intValue()).isEqualTo(2);
        JsonNode unmatched = unnamed.get(1);
        assertThat(unmatched.get("track_id").longValue()).isEqualTo(ids.get(4));
        assertThat(unmatched.get("status").stringValue()).isEqualTo("unmatched");
        assertThat(unmatched.get("candidate_creator_id").isNull()).isTrue();
        assertThat(unmatched.get("start_seconds").doubleValue()).isEqualTo(43.0);
        assertThat(unmatched.get("end_seconds").doubleValue()).isEqualTo(45.0);
        assertThat(unmatched.get("sightings").intValue()).isEqualTo(1);
    }

    @Test
    void aVideoNotProcessedYetHasAnEmptyTimelineAndAnUnknownOneIsNotFound() {
        JsonNode timeline = api.get("/api/videos/" + queued + "/timeline").getBody();
        assertThat(timeline.get("people").size()).isZero();
        assertThat(timeline.get("unnamed").size()).isZero();
        assertThat(timeline.get("sample_interval_seconds").isNull()).isTrue();
        assertThat(timeline.get("partial_reason").isNull()).isTrue();

        assertError(api.get("/api/videos/999999/timeline"), HttpStatus.NOT_FOUND, "No video with id 999999");
        assertError(api.get("/api/videos/abc/timeline"), HttpStatus.BAD_REQUEST, "'id' must be a whole number");
    }

    @Test
    void theVideoShowsHowItWasSampledEachTracksSightingsAndEachTagsTimeOnScreen() {
        JsonNode detail = api.get("/api/videos/" + video).getBody();

        assertThat(detail.get("sample_interval_seconds").doubleValue()).isEqualTo(2.0);
        assertThat(detail.get("frames_sampled").intValue()).isEqualTo(30);
        assertThat(detail.get("frames_decoded").intValue()).isEqualTo(1462);
        assertThat(detail.get("keyframe_interval_seconds").doubleValue()).isEqualTo(4.0);
        assertThat(detail.get("partial_reason").stringValue()).contains("Invalid NAL unit");
        JsonNode track = detail.get("face_tracks").get(2);
        assertThat(track.get("id").longValue()).isEqualTo(ids.get(2));
        assertThat(track.get("first_seen_seconds").doubleValue()).isEqualTo(14.0);
        assertThat(track.get("last_seen_seconds").doubleValue()).isEqualTo(20.0);
        assertThat(track.get("sightings").intValue()).isEqualTo(4);
        // The tags' on-screen seconds (TagStore's SQL) agree with the timeline's.
        JsonNode tags = detail.get("tags");
        assertThat(tags.get(0).get("creator_id").longValue()).isEqualTo(michelle);
        assertThat(tags.get(0).get("on_screen_seconds").doubleValue()).isEqualTo(6.5);
        assertThat(tags.get(1).get("on_screen_seconds").doubleValue()).isEqualTo(12.0);

        JsonNode queuedDetail = api.get("/api/videos/" + queued).getBody();
        assertThat(queuedDetail.get("frames_sampled").isNull()).isTrue();
        assertThat(queuedDetail.get("sample_interval_seconds").isNull()).isTrue();
    }

    @Test
    void theCreatorsPageGivesTheirIntervalsAndTimeOnScreenPerVideo() {
        JsonNode tagged = api.get("/api/creators/" + michelle).getBody().get("videos");
        assertThat(tagged.size()).isEqualTo(1);
        assertThat(tagged.get(0).get("video_id").longValue()).isEqualTo(video);
        assertThat(tagged.get(0).get("on_screen_seconds").doubleValue()).isEqualTo(6.5);
        assertInterval(tagged.get(0).get("intervals").get(0), 0.0, 3.0, ids.get(0), "matched");
        assertInterval(tagged.get(0).get("intervals").get(1), 55.0, 58.5, ids.get(5), "matched");

        JsonNode his = api.get("/api/creators/" + obama).getBody().get("videos").get(0);
        assertThat(his.get("on_screen_seconds").doubleValue()).isEqualTo(12.0);
        assertThat(his.get("intervals").size()).isEqualTo(1); // the pending track is not counted

        JsonNode moments = api.get("/api/creators/" + obama + "/moments").getBody().get("items");
        assertThat(moments.size()).isEqualTo(3);
        assertThat(moments.get(1).get("first_seen_seconds").doubleValue()).isEqualTo(14.0);
        assertThat(moments.get(1).get("last_seen_seconds").doubleValue()).isEqualTo(20.0);
        assertThat(moments.get(1).get("sightings").intValue()).isEqualTo(4);
    }

    private static void assertInterval(JsonNode interval, double start, double end, long trackId, String status) {
        assertThat(interval.get("start_seconds").doubleValue()).as("start").isEqualTo(start);
        assertThat(interval.get("end_seconds").doubleValue()).as("end").isEqualTo(end);
        assertThat(interval.get("track_id").longValue()).as("track").isEqualTo(trackId);
        assertThat(interval.get("status").stringValue()).as("status").isEqualTo(status);
    }
}
