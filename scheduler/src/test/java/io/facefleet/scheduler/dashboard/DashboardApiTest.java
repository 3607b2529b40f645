package io.facefleet.scheduler.dashboard;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.NewFaceTrack;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.VideoStore;
import io.facefleet.scheduler.support.FaceData;
import io.facefleet.scheduler.support.SchedulerApi;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestCredentials;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.facefleet.scheduler.support.ApiAssertions.assertError;
import static io.facefleet.scheduler.support.TestVectors.axis;
import static io.facefleet.scheduler.support.TestVectors.near;
import static org.assertj.core.api.Assertions.assertThat;

/** What the dashboard reads beyond the REST API's lists: face crops, creators' faces and moments, the fleet, jobs. */
@SchedulerTest
class DashboardApiTest {

    private static final byte[] CROP_A = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};
    private static final byte[] CROP_FACE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 4, 5, 6};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_scheduler_dashboard", registry, () -> library, false);
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
    private long a;
    private long b;
    private long faceA;
    private long video;
    private long pending;
    private long matched;

    @BeforeEach
    void aCreatorWithACropAndAVideoWithTwoFaces() {
        api = new SchedulerApi(port);
        FaceData data = new FaceData(jdbc, videos, creators, faceTracks, tags);
        data.clear();
        a = creators.create("Creator A");
        faceA = creators.addEmbedding(a, axis(0), "photo", "a.jpg", null, null, new float[]{1, 2, 3, 4}, 0.9f, CROP_A);
        creators.addEmbedding(a, near(0, 0.9, 1, 0.1, 2), "photo", "a2.jpg", null, null, null, 0.8f); // no crop
        b = data.creator("Creator B", axis(1));
        video = data.video("/videos/dashboard.mp4");
        List<Long> ids = data.processed(video,
                new NewFaceTrack(1.5, near(0, 0.5, 1, 0.2, 3), new float[]{10, 20, 110, 140}, 0.9f, null, a, 0.5f,
                        MatchStatus.PENDING, CROP_FACE),
                new NewFaceTrack(2.5, near(0, 0.7, 1, 0.1, 4), new float[]{10, 20, 110, 140}, 0.9f, null, a, 0.7f,
                        MatchStatus.MATCHED));
        pending = ids.get(0);
        matched = ids.get(1);
    }

    @Test
    void servesFaceCropsAsJpegsBrowsersMayKeep() {
        ResponseEntity<byte[]> crop = bytes("/api/tracks/" + pending + "/crop.jpg");
        assertThat(crop.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(crop.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
        assertThat(crop.getHeaders().getCacheControl()).contains("max-age=31536000", "immutable");
        assertThat(crop.getBody()).isEqualTo(CROP_FACE);

        assertThat(bytes("/api/creators/" + a + "/faces/" + faceA + "/crop.jpg").getBody()).isEqualTo(CROP_A);
        assertError(api.get("/api/tracks/" + matched + "/crop.jpg"), HttpStatus.NOT_FOUND, "no crop stored");
        assertError(api.get("/api/tracks/999999/crop.jpg"), HttpStatus.NOT_FOUND, "No face with id 999999");
        assertError(api.get("/api/creators/" + b + "/faces/" + faceA + "/crop.jpg"), HttpStatus.NOT_FOUND,
                "has no face " + faceA);
    }

    @Test
    void listsCreatorsFacesAndTheMomentsTheyAreSeen() {
        JsonNode reference = api.get("/api/creators/faces?per_creator=3").getBody().get("items");
        assertThat(reference.size()).isEqualTo(1); // only faces with a crop
        assertThat(reference.get(0).get("id").longValue()).isEqualTo(faceA);
        assertThat(reference.get(0).get("creator_id").longValue()).isEqualTo(a);
        assertError(api.get("/api/creators/faces?per_creator=0"), HttpStatus.BAD_REQUEST, "'per_creator'");

        JsonNode facePage = api.get("/api/creators/" + a + "/faces").getBody();
        JsonNode faces = facePage.get("items");
        assertThat(faces.size()).isEqualTo(2);
        assertThat(facePage.get("total").longValue()).isEqualTo(2);
        JsonNode secondFace = api.get("/api/creators/" + a + "/faces?limit=1&offset=1").getBody();
        assertThat(secondFace.get("items").get(0).get("id").longValue()).isEqualTo(faces.get(1).get("id").longValue());
        assertThat(secondFace.get("total").longValue()).isEqualTo(2);
        assertThat(faces.get(0).get("source_path").stringValue()).isEqualTo("a.jpg");
        assertThat(faces.get(0).get("has_crop").booleanValue()).isTrue();
        assertThat(faces.get(1).get("has_crop").booleanValue()).isFalse();
        assertError(api.get("/api/creators/999999/faces"), HttpStatus.NOT_FOUND, "No creator with id 999999");

        JsonNode momentPage = api.get("/api/creators/" + a + "/moments").getBody();
        JsonNode moments = momentPage.get("items");
        assertThat(moments.size()).isEqualTo(2);
        assertThat(momentPage.get("total").longValue()).isEqualTo(2);
        assertError(api.get("/api/creators/" + a + "/moments?limit=0"), HttpStatus.BAD_REQUEST, "'limit'");
        assertThat(moments.get(0).get("video_path").stringValue()).isEqualTo("/videos/dashboard.mp4");
        assertThat(moments.get(0).get("track_id").longValue()).isEqualTo(pending);
        assertThat(moments.get(0).get("frame_timestamp").doubleValue()).isEqualTo(1.5);
        assertThat(moments.get(0).get("match_status").stringValue()).isEqualTo("pending");
        assertThat(moments.get(1).get("match_status").stringValue()).isEqualTo("matched");
        assertThat(api.get("/api/creators/" + b + "/moments").getBody().get("total").longValue()).isZero();
    }

    @Test
    void servesAnUploadedPhotoWithItsOwnType() {
        long photo = creators.addPhoto(a, "a.png", PNG);
        ResponseEntity<byte[]> image = bytes("/api/creators/" + a + "/photos/" + photo + "/image");
        assertThat(image.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(image.getBody()).isEqualTo(PNG);
        assertError(api.get("/api/creators/" + b + "/photos/" + photo + "/image"), HttpStatus.NOT_FOUND, "no photo");
    }

    @Test
    void aConfirmedFaceTakesItsCropIntoTheCreatorsFaces() {
        JsonNode decision = api.send(HttpMethod.POST, "/api/review/" + pending + "/confirm", "{}")
                .getBody();
        long embedding = jdbc.sql("SELECT id FROM creator_face_embeddings WHERE track_id = ?").param(pending)
                .query(Long.class).single();
        assertThat(bytes("/api/creators/" + a + "/faces/" + embedding + "/crop.jpg").getBody()).isEqualTo(CROP_FACE);

        JsonNode job = api.get("/api/jobs/" + decision.get("rematch_job_id").stringValue()).getBody();
        assertThat(job.get("state").stringValue()).isEqualTo("SCHEDULED");
        assertThat(job.get("name").stringValue()).isNotBlank();
        assertError(api.get("/api/jobs/" + UUID.randomUUID()), HttpStatus.NOT_FOUND, "No job with id");
        assertError(api.get("/api/jobs/not-a-job"), HttpStatus.BAD_REQUEST, "a UUID");
    }

    @Test
    void describesTheFleet() {
        JsonNode fleet = api.get("/api/fleet").getBody();
        assertThat(fleet.get("workers").size()).isZero(); // the scheduler runs no jobs itself
        assertThat(fleet.get("jobs").propertyNames()).contains("enqueued", "processing", "failed", "succeeded");
        assertThat(fleet.get("videos_by_status").get("done").longValue()).isEqualTo(1);
        assertThat(fleet.get("videos_by_status").get("failed").longValue()).isZero();
        assertThat(fleet.get("videos_last_hour").longValue()).isEqualTo(1);
        assertThat(fleet.get("pending_faces").longValue()).isEqualTo(1);
        assertThat(fleet.get("jobrunr_dashboard").get("enabled").booleanValue()).isFalse();
        assertThat(fleet.get("jobrunr_dashboard").get("port").intValue()).isEqualTo(8000);
    }

    @Test
    void servesTheDashboardAtTheRoot() {
        ResponseEntity<String> index = api.getText("/");
        assertThat(index.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(index.getBody()).contains("<title>Facefleet</title>", "/ui/app.js", "name=\"viewport\"")
                .doesNotContain("http://", "https://");
        ResponseEntity<String> script = api.getText("/ui/app.js");
        assertThat(script.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(script.getHeaders().getContentType().toString()).contains("javascript");
    }

    private ResponseEntity<byte[]> bytes(String path) {
        return RestClient.create("http://localhost:" + port).get().uri(path)
                .headers(headers -> headers.setBearerAuth(TestCredentials.adminToken(port)))
                .retrieve().toEntity(byte[].class);
    }
}
