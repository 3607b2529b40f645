package io.facefleet.scheduler.video;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.VideoLifecycle;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.common.store.VideoStore;
import io.facefleet.scheduler.support.FaceData;
import io.facefleet.scheduler.support.JobRunrJobs;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.facefleet.scheduler.support.ApiAssertions.assertError;
import static io.facefleet.scheduler.support.FaceData.face;
import static io.facefleet.scheduler.support.TestVectors.axis;
import static io.facefleet.scheduler.support.TestVectors.near;
import static org.assertj.core.api.Assertions.assertThat;

@SchedulerTest
class VideosApiTest {

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_scheduler_videos", registry, () -> library, false);
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
    private JobRunrJobs jobs;
    private long obama;
    private long queued;
    private long failed;
    private long done;

    /** a.mp4 queued, b.mp4 failed, c.mp4 done with Obama tagged and one face waiting for review. */
    @BeforeEach
    void threeVideos() {
        api = new SchedulerApi(port);
        jobs = new JobRunrJobs(jdbc);
        FaceData data = new FaceData(jdbc, videos, creators, faceTracks, tags);
        data.clear();
        obama = data.creator("Barack Obama", axis(0));
        queued = data.video("/videos/a.mp4");
        VideoLifecycle lifecycle = new VideoLifecycle(videos);
        lifecycle.queued(queued);
        failed = data.video("/videos/b.mp4");
        lifecycle.failed(failed, lifecycle.processing(failed).orElseThrow(), "Not a video: moov atom not found");
        done = data.video("/videos/c.mp4");
        data.processed(done,
                face(12.5, near(0, 0.8, 1, 0.1, 2), 120, obama, 0.8f, MatchStatus.MATCHED),
                face(30.0, near(0, 0.4, 1, 0.1, 3), 60, obama, 0.4f, MatchStatus.PENDING));
    }

    @Test
    void listsVideosWithTheirTags() {
        JsonNode page = api.get("/api/videos").getBody();
        JsonNode list = page.get("items");
        assertThat(page.get("total").longValue()).isEqualTo(3);

        assertThat(paths(list)).containsExactly("/videos/a.mp4", "/videos/b.mp4", "/videos/c.mp4");
        JsonNode c = list.get(2);
        assertThat(c.get("status").stringValue()).isEqualTo("done");
        assertThat(c.get("track_count").intValue()).isEqualTo(2);
        assertThat(c.get("pending_track_count").intValue()).isEqualTo(1);
        assertThat(c.get("duration_seconds").doubleValue()).isEqualTo(60.0);
        JsonNode tag = c.get("tags").get(0);
        assertThat(tag.get("creator_id").longValue()).isEqualTo(obama);
        assertThat(tag.get("name").stringValue()).isEqualTo("Barack Obama");
        assertThat(tag.get("source").stringValue()).isEqualTo("auto");
        assertThat(tag.get("confidence").floatValue()).isEqualTo(0.8f);
        assertThat(tag.get("first_seen_seconds").doubleValue()).isEqualTo(12.5);
        assertThat(list.get(1).get("error").stringValue()).contains("moov atom");
        assertThat(list.get(0).get("tags").size()).isZero();
    }

    @Test
    void filtersByStatusCreatorAndPendingFaces() {
        assertThat(paths(api.get("/api/videos?status=failed").getBody())).containsExactly("/videos/b.mp4");
        assertThat(paths(api.get("/api/videos?creator=" + obama).getBody())).containsExactly("/videos/c.mp4");
        assertThat(paths(api.get("/api/videos?pending=true").getBody())).containsExactly("/videos/c.mp4");
        assertThat(paths(api.get("/api/videos?status=done&creator=" + obama + "&pending=true").getBody()))
                .containsExactly("/videos/c.mp4");
        JsonNode second = api.get("/api/videos?limit=1&offset=1").getBody();
        assertThat(paths(second)).containsExactly("/videos/b.mp4");
        assertThat(second.get("total").longValue()).as("all the videos, not the page").isEqualTo(3);
        assertThat(api.get("/api/videos?status=failed").getBody().get("total").longValue()).isEqualTo(1);
        assertError(api.get("/api/videos?limit=100000"), HttpStatus.BAD_REQUEST, "'limit' must be between 1 and 1000");
        assertError(api.get("/api/videos?offset=-5"), HttpStatus.BAD_REQUEST, "'offset'");
        assertError(api.get("/api/videos?status=finished"), HttpStatus.BAD_REQUEST, "'status' must be one of");
        assertError(api.get("/api/videos?limit=0"), HttpStatus.BAD_REQUEST, "'limit'");
    }

    @Test
    void showsAVideoWithEveryFace() {
        JsonNode video = api.get("/api/videos/" + done).getBody();

        assertThat(video.get("path").stringValue()).isEqualTo("/videos/c.mp4");
        assertThat(video.get("width").intValue()).isEqualTo(1280);
        JsonNode faces = video.get("face_tracks");
        assertThat(faces.size()).isEqualTo(2);
        JsonNode first = faces.get(0);
        assertThat(first.get("id").longValue()).isPositive();
        assertThat(first.get("frame_timestamp").doubleValue()).isEqualTo(12.5);
        assertThat(first.get("bbox").size()).isEqualTo(4);
        assertThat(first.get("bbox").get(2).floatValue()).isEqualTo(130f);
        assertThat(first.get("det_score").floatValue()).isEqualTo(0.9f);
        assertThat(first.get("match_status").stringValue()).isEqualTo("matched");
        assertThat(first.get("matched_creator_id").longValue()).isEqualTo(obama);
        assertThat(first.get("matched_creator_name").stringValue()).isEqualTo("Barack Obama");
        assertThat(first.get("match_confidence").floatValue()).isEqualTo(0.8f);
        assertThat(first.get("first_seen_seconds").doubleValue()).isEqualTo(12.5); // a track of one face
        assertThat(first.get("last_seen_seconds").doubleValue()).isEqualTo(12.5);
        assertThat(first.get("sightings").intValue()).isEqualTo(1);
        assertThat(faces.get(1).get("match_status").stringValue()).isEqualTo("pending");
        assertThat(video.get("tags").size()).isEqualTo(1);
        assertError(api.get("/api/videos/999999"), HttpStatus.NOT_FOUND, "No video with id 999999");
    }

    @Test
    void reprocessingQueuesAFreshJob() {
        ResponseEntity<JsonNode> first = api.post("/api/videos/" + done + "/reprocess");
        ResponseEntity<JsonNode> second = api.post("/api/videos/" + done + "/reprocess");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        UUID firstJob = UUID.fromString(first.getBody().get("job_id").stringValue());
        UUID secondJob = UUID.fromString(second.getBody().get("job_id").stringValue());
        assertThat(secondJob).isNotEqualTo(firstJob);
        assertThat(videos.find(done).orElseThrow().status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(jobs.processVideo(done)).extracting(JobRunrJobs.StoredJob::id)
                .containsExactlyInAnyOrder(firstJob, secondJob);
        assertThat(jobs.byId(firstJob).state()).isEqualTo("ENQUEUED");
        assertError(api.post("/api/videos/999999/reprocess"), HttpStatus.NOT_FOUND, "No video");
    }

    /** Out-of-order changes (a late "queued", a superseded run's "failed", a job for a gone file) change nothing. */
    @Test
    void aVideoMovesOnlyAlongItsLifecycle() {
        VideoLifecycle lifecycle = new VideoLifecycle(videos);
        assertThat(lifecycle.queued(done)).as("queued after done: a reprocess").isTrue();
        UUID first = lifecycle.processing(done).orElseThrow();
        assertThat(lifecycle.queued(done)).as("a late queued must not rewind a running video").isFalse();
        UUID second = lifecycle.processing(done).orElseThrow(); // JobRunr's retry after the first worker died
        assertThat(lifecycle.failed(done, first, "worker died")).as("the superseded run").isFalse();
        assertThat(lifecycle.failed(done, second, "Not a video")).isTrue();
        assertThat(lifecycle.failed(done, second, "twice")).as("failed only follows processing").isFalse();
        assertThat(videos.find(done).orElseThrow().error()).isEqualTo("Not a video");

        lifecycle.missing("/videos", java.util.Set.of("/videos/a.mp4"));
        assertThat(videos.find(done).orElseThrow().status()).isEqualTo(VideoStatus.MISSING);
        assertThat(videos.find(queued).orElseThrow().status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(lifecycle.processing(done)).as("a job for a file that is gone").isEmpty();
        assertThat(lifecycle.queued(done)).isFalse();
        assertThat(VideoLifecycle.allowed(VideoStatus.QUEUED, VideoStatus.DONE)).isFalse();
    }

    @Test
    void aMissingFileIsNotReprocessed() {
        new VideoLifecycle(videos).missing("/videos", java.util.Set.of());

        assertError(api.post("/api/videos/" + done + "/reprocess"), HttpStatus.CONFLICT, "missing");
    }

    @Test
    void retriesEveryFailedVideo() {
        ResponseEntity<JsonNode> retried = api.post("/api/videos/retry-failed");

        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody().get("count").intValue()).isEqualTo(1);
        assertThat(videos.find(failed).orElseThrow().status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(jobs.processVideo(failed)).singleElement()
                .satisfies(job -> assertThat(job.state()).isEqualTo("ENQUEUED"));
        assertThat(api.post("/api/videos/retry-failed").getBody().get("count").intValue()).isZero();
    }

    private static List<String> paths(JsonNode list) {
        list = list.has("items") ? list.get("items") : list;
        return list.findValues("path").stream().map(JsonNode::stringValue).toList();
    }
}
