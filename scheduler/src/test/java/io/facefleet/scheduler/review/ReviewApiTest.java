package io.facefleet.scheduler.review;

import io.facefleet.common.jobs.RematchQueue;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.VideoStore;
import io.facefleet.scheduler.support.FaceData;
import io.facefleet.scheduler.support.JobRunrJobs;
import io.facefleet.scheduler.support.SchedulerApi;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestDatabase;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.facefleet.scheduler.support.ApiAssertions.assertError;
import static io.facefleet.scheduler.support.FaceData.face;
import static io.facefleet.scheduler.support.TestVectors.axis;
import static io.facefleet.scheduler.support.TestVectors.near;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The review queue and decisions over faces stored as a worker stores them. Creators A, B and C are enrolled
 * along axes 0, 1 and 2; the dev-512 pack's thresholds are 0.35 (match) and 0.55 (auto-tag).
 */
@SchedulerTest
class ReviewApiTest {

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_scheduler_review", registry, () -> library, false);
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
    org.jobrunr.storage.StorageProvider storage;
    @Autowired
    FaceTrackStore faceTracks;
    @Autowired
    TagStore tags;
    @Autowired
    JobRequestScheduler jobScheduler;

    private SchedulerApi api;
    private long a;
    private long b;
    private long c;
    private long video;
    /** Pending for A (0.5; B 0.4), a large face at 3 s. */
    private long bigPending;
    /** Pending for A (0.45), a small face at 1 s. */
    private long smallPending;
    /** Matched to B (0.7): tags the video. */
    private long matchedB;
    /** Near no one. */
    private long unmatched;

    @BeforeEach
    void oneVideoWithFourFaces() {
        api = new SchedulerApi(port);
        FaceData data = new FaceData(jdbc, videos, creators, faceTracks, tags);
        data.clear();
        a = data.creator("Creator A", axis(0));
        b = data.creator("Creator B", axis(1));
        c = data.creator("Creator C", axis(2));
        video = data.video("/videos/review.mp4");
        List<Long> ids = data.processed(video,
                face(3.0, near(0, 0.5, 1, 0.4, 3), 200, a, 0.5f, MatchStatus.PENDING),
                face(1.0, near(0, 0.45, 1, 0.1, 4), 50, a, 0.45f, MatchStatus.PENDING),
                face(2.0, near(1, 0.7, 0, 0.1, 5), 100, b, 0.7f, MatchStatus.MATCHED),
                face(4.0, axis(6), 100, null, null, MatchStatus.UNMATCHED));
        bigPending = ids.get(0);
        smallPending = ids.get(1);
        matchedB = ids.get(2);
        unmatched = ids.get(3);
    }

    @Test
    void listsPendingFacesLargestFirstWithTheirNearestCreators() {
        JsonNode queue = api.get("/api/review").getBody().get("items");

        assertThat(queue.size()).isEqualTo(2);
        JsonNode first = queue.get(0);
        assertThat(first.get("track_id").longValue()).isEqualTo(bigPending);
        assertThat(first.get("video_id").longValue()).isEqualTo(video);
        assertThat(first.get("video_path").stringValue()).isEqualTo("/videos/review.mp4");
        assertThat(first.get("frame_timestamp").doubleValue()).isEqualTo(3.0);
        assertThat(first.get("first_seen_seconds").doubleValue()).isEqualTo(3.0); // a track of one face
        assertThat(first.get("last_seen_seconds").doubleValue()).isEqualTo(3.0);
        assertThat(first.get("sightings").intValue()).isEqualTo(1);
        assertThat(first.get("bbox").size()).isEqualTo(4);
        assertThat(first.get("current").get("creator_id").longValue()).isEqualTo(a);
        assertThat(first.get("current").get("name").stringValue()).isEqualTo("Creator A");
        assertCandidates(first, Map.of(a, 0.5, b, 0.4, c, 0.0), a, b, c);
        assertThat(queue.get(1).get("track_id").longValue()).isEqualTo(smallPending);

        JsonNode firstOnly = api.get("/api/review?limit=1").getBody();
        assertThat(firstOnly.get("items").size()).isEqualTo(1);
        assertThat(firstOnly.get("total").longValue()).isEqualTo(queue.size());
        JsonNode secondOnly = api.get("/api/review?limit=1&offset=1").getBody();
        assertThat(secondOnly.get("items").get(0).get("track_id").longValue()).isEqualTo(smallPending);
        assertError(api.get("/api/review?limit=0"), HttpStatus.BAD_REQUEST, "'limit'");
    }

    @Test
    void confirmingAFaceTagsTheVideoAndEnrolsTheFace() {
        ResponseEntity<JsonNode> confirmed = api.post("/api/review/" + bigPending + "/confirm");

        assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(confirmed.getBody().get("match_status").stringValue()).isEqualTo("confirmed");
        assertThat(confirmed.getBody().get("creator_id").longValue()).isEqualTo(a);
        assertThat(confirmed.getBody().get("confidence").doubleValue()).isCloseTo(0.5, within(1e-4));
        assertFace(bigPending, "confirmed", a);
        assertThat(tagsOf(video)).containsOnlyKeys(a, b);
        assertThat(jdbc.sql("SELECT first_seen_seconds FROM video_creators WHERE video_id = ? AND creator_id = ?")
                .params(video, a).query(Double.class).single()).isEqualTo(3.0);
        assertThat(jdbc.sql("SELECT creator_id, source FROM video_creators WHERE video_id = ?").param(video)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list())
                .as("a person confirmed a's face; b is tagged by matching alone")
                .containsExactlyInAnyOrder(Map.entry(a, "manual"), Map.entry(b, "auto"));
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM creator_face_embeddings
                        WHERE creator_id = ? AND source_type = 'confirmed_track' AND track_id = ?""")
                .params(a, bigPending).query(Integer.class).single()).isEqualTo(1);
        UUID rematch = UUID.fromString(confirmed.getBody().get("rematch_job_id").stringValue());
        JobRunrJobs.StoredJob job = new JobRunrJobs(jdbc).byId(rematch);
        assertThat(job.state()).isEqualTo("SCHEDULED");
        assertThat(job.isFor("RematchCreatorHandler", "creatorId", a)).isTrue();
        assertThat(api.get("/api/review").getBody().get("items").findValues("track_id"))
                .extracting(JsonNode::longValue).containsExactly(smallPending);
    }

    private static final java.time.Duration MINUTE = java.time.Duration.ofMinutes(1);

    @Test
    void confirmationsInTheSameMinuteShareOneRematch() {
        RematchQueue at0020 = new RematchQueue(jobScheduler, creators, Clock.fixed(Instant.parse("2099-01-01T10:00:20Z"), ZoneOffset.UTC), MINUTE);
        RematchQueue at0059 = new RematchQueue(jobScheduler, creators, Clock.fixed(Instant.parse("2099-01-01T10:00:59Z"), ZoneOffset.UTC), MINUTE);
        RematchQueue at0101 = new RematchQueue(jobScheduler, creators, Clock.fixed(Instant.parse("2099-01-01T10:01:01Z"), ZoneOffset.UTC), MINUTE);

        UUID first = at0020.soon(a);
        UUID sameMinute = at0059.soon(a);
        UUID nextMinute = at0101.soon(a);

        assertThat(sameMinute).isEqualTo(first);
        assertThat(nextMinute).isNotEqualTo(first);
        assertThat(storage.getJobById(first).getJobName()).as("the job's name on JobRunr's dashboard")
                .isEqualTo("Rematch faces for " + creators.find(a).orElseThrow().name() + " (creator " + a + ")");
        assertThat(new JobRunrJobs(jdbc).rematchCreator(a)).extracting(JobRunrJobs.StoredJob::id)
                .containsExactlyInAnyOrder(first, nextMinute);
        assertThat(jdbc.sql("SELECT scheduledat FROM jobrunr_jobs WHERE id = ?").param(first.toString())
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(Instant.parse("2099-01-01T10:01:00Z"));
    }

    @Test
    void aLongerRematchWindowQueuesTheRematchForTheWindowsEnd() {
        RematchQueue fiveMinutes = new RematchQueue(jobScheduler, creators,
                Clock.fixed(Instant.parse("2099-01-02T10:03:20Z"), ZoneOffset.UTC), java.time.Duration.ofMinutes(5));
        UUID rematch = fiveMinutes.soon(a);
        assertThat(jdbc.sql("SELECT scheduledat FROM jobrunr_jobs WHERE id = ?").param(rematch.toString())
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(Instant.parse("2099-01-02T10:05:00Z"));
    }

    @Test
    void rejectingMovesTheFaceToItsNextCandidateThenToUnmatched() {
        ResponseEntity<JsonNode> first = api.post("/api/review/" + bigPending + "/reject");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody().get("match_status").stringValue()).isEqualTo("pending");
        assertThat(first.getBody().get("creator_id").longValue()).isEqualTo(b);
        assertThat(first.getBody().get("confidence").doubleValue()).isCloseTo(0.4, within(1e-4));
        assertFace(bigPending, "pending", b);
        assertThat(rejections(bigPending)).containsExactly(a);
        JsonNode queued = api.get("/api/review").getBody().get("items").get(0);
        assertThat(queued.get("track_id").longValue()).isEqualTo(bigPending);
        assertCandidates(queued, Map.of(b, 0.4, c, 0.0), b, c);

        // C is the only one left, at 0.0, below match_threshold: nobody is suggested any more.
        ResponseEntity<JsonNode> second = api.post("/api/review/" + bigPending + "/reject");

        assertThat(second.getBody().get("match_status").stringValue()).isEqualTo("unmatched");
        assertThat(second.getBody().get("creator_id").isNull()).isTrue();
        assertFace(bigPending, "unmatched", null);
        assertThat(rejections(bigPending)).containsExactlyInAnyOrder(a, b);
        assertThat(tagsOf(video)).containsOnlyKeys(b);
        assertError(api.post("/api/review/" + bigPending + "/reject"), HttpStatus.CONFLICT, "nothing to reject");
    }

    @Test
    void rejectingTheCreatorTheReviewerSawLeavesAFaceThatMovedOnSinceWithItsNewCandidate() {
        // The reviewer was shown A; a rematch has since moved the face to B.
        jdbc.sql("UPDATE face_tracks SET matched_creator_id = ?, match_confidence = 0.6 WHERE id = ?")
                .params(b, bigPending).update();

        ResponseEntity<JsonNode> rejected = api.send(HttpMethod.POST, "/api/review/" + bigPending + "/reject",
                "{\"creator_id\": " + a + "}");

        assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rejected.getBody().get("match_status").stringValue()).isEqualTo("pending");
        assertThat(rejected.getBody().get("creator_id").longValue()).isEqualTo(b);
        assertFace(bigPending, "pending", b);
        assertThat(rejections(bigPending)).containsExactly(a);
        assertCandidates(api.get("/api/review").getBody().get("items").get(0), Map.of(b, 0.4, c, 0.0), b, c);
        assertError(api.send(HttpMethod.POST, "/api/review/" + bigPending + "/reject", "{\"creator_id\": 999999}"),
                HttpStatus.NOT_FOUND, "No creator with id 999999");
    }

    @Test
    void rejectingAConfirmedFaceTakesBackItsTagAndEmbedding() {
        api.post("/api/review/" + bigPending + "/confirm");

        api.post("/api/review/" + bigPending + "/reject");

        assertFace(bigPending, "pending", b);
        assertThat(tagsOf(video)).containsOnlyKeys(b);
        assertThat(creators.embeddingCount(a)).isEqualTo(1);
    }

    @Test
    void rejectingAnAutoTaggedFaceUntagsTheVideo() {
        api.post("/api/review/" + matchedB + "/reject");

        assertThat(rejections(matchedB)).containsExactly(b);
        assertThat(tagsOf(video)).doesNotContainKey(b);
    }

    @Test
    void assigningGivesTheFaceToAnotherCreator() {
        ResponseEntity<JsonNode> assigned = api.send(HttpMethod.POST, "/api/review/" + smallPending + "/assign",
                "{\"creator_id\": " + c + "}");

        assertThat(assigned.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(assigned.getBody().get("match_status").stringValue()).isEqualTo("confirmed");
        assertThat(assigned.getBody().get("creator_id").longValue()).isEqualTo(c);
        assertFace(smallPending, "confirmed", c);
        assertThat(tagsOf(video)).containsOnlyKeys(b, c);
        assertThat(jdbc.sql("SELECT creator_id FROM creator_face_embeddings WHERE track_id = ?")
                .param(smallPending).query(Long.class).list()).containsExactly(c);

        // Confirming with another creator in the body moves the enrolled face along.
        api.send(HttpMethod.POST, "/api/review/" + smallPending + "/confirm", "{\"creator_id\": " + a + "}");
        assertThat(jdbc.sql("SELECT creator_id FROM creator_face_embeddings WHERE track_id = ?")
                .param(smallPending).query(Long.class).list()).containsExactly(a);
        assertThat(tagsOf(video)).containsOnlyKeys(a, b);
    }

    @Test
    void refusesDecisionsThatCannotBeMade() {
        assertError(api.send(HttpMethod.POST, "/api/review/" + smallPending + "/assign", "{}"),
                HttpStatus.BAD_REQUEST, "creator_id");
        assertError(api.send(HttpMethod.POST, "/api/review/" + smallPending + "/assign", "{\"creator_id\": 999999}"),
                HttpStatus.NOT_FOUND, "No creator with id 999999");
        assertError(api.post("/api/review/999999/confirm"), HttpStatus.NOT_FOUND, "No face with id 999999");
        assertError(api.post("/api/review/" + unmatched + "/confirm"), HttpStatus.CONFLICT, "no candidate");
        assertError(api.post("/api/review/" + unmatched + "/reject"), HttpStatus.CONFLICT, "nothing to reject");
        assertError(api.post("/api/review/abc/reject"), HttpStatus.BAD_REQUEST, "'trackId'");
        assertFace(smallPending, "pending", a);
    }

    @Test
    void deletingACreatorLeavesTheirFacesUnmatched() {
        assertThat(api.delete("/api/creators/" + a).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertFace(bigPending, "unmatched", null);
        assertFace(smallPending, "unmatched", null);
        assertFace(matchedB, "matched", b);
        assertThat(api.get("/api/review").getBody().get("items").size()).isZero();
    }

    private void assertCandidates(JsonNode item, Map<Long, Double> similarities, Long... order) {
        JsonNode candidates = item.get("candidates");
        assertThat(candidates.findValues("creator_id")).extracting(JsonNode::longValue).containsExactly(order);
        for (JsonNode candidate : candidates) {
            assertThat(candidate.get("similarity").doubleValue())
                    .isCloseTo(similarities.get(candidate.get("creator_id").longValue()), within(1e-4));
        }
    }

    private void assertFace(long id, String status, Long creatorId) {
        Map<String, Object> row = jdbc.sql("SELECT match_status, matched_creator_id FROM face_tracks WHERE id = ?")
                .param(id).query().singleRow();
        assertThat(row.get("match_status")).isEqualTo(status);
        assertThat(row.get("matched_creator_id")).isEqualTo(creatorId);
    }

    private List<Long> rejections(long trackId) {
        return jdbc.sql("SELECT creator_id FROM track_rejections WHERE track_id = ?").param(trackId)
                .query(Long.class).list();
    }

    private Map<Long, Float> tagsOf(long videoId) {
        return jdbc.sql("SELECT creator_id, confidence FROM video_creators WHERE video_id = ?").param(videoId)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getFloat(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
