package io.facefleet.worker.jobs;

import io.facefleet.worker.api.FaceApi;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.WorkerApplication;
import io.facefleet.worker.support.FreshDatabase;
import io.facefleet.worker.support.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /actuator/prometheus before and after a real creator is enrolled and a real video processed: the counters
 * move by what the database says was done, the stage histograms and the HNSW and rematch-lock timers count.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "facefleet.model-pack=dev-512")
@Import(PipelineFixture.class)
@DirtiesContext
class WorkerMetricsTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_metrics");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.register(DB, registry);
    }

    @Autowired
    PipelineFixture fixture;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void theMetricsMoveByWhatAVideoDid() {
        PrometheusScrape before = scrape();
        assertThat(before.value("facefleet_videos_processed_total")).isZero();
        assertThat(before.has("jobrunr_background_job_server_worker_pool_size_total"))
                .as("JobRunr's own server metrics").isTrue();

        long obama = fixture.enrol("Barack Obama", "photos/Barack_Obama/fr_obama.jpg");
        fixture.awaitEnrolled(obama);
        long video = fixture.queueVideo("videos/obama_whcd_hk.mp4");
        fixture.awaitVideo(video, VideoStatus.DONE);
        PrometheusScrape after = scrape();

        int tracks = jdbc.sql("SELECT count(*) FROM face_tracks WHERE video_id = ?").param(video)
                .query(Integer.class).single();
        int faces = jdbc.sql("SELECT coalesce(sum(sightings), 0) FROM face_tracks WHERE video_id = ?")
                .param(video).query(Integer.class).single();
        int framesSampled = jdbc.sql("SELECT frames_sampled FROM videos WHERE id = ?").param(video)
                .query(Integer.class).single();
        System.out.printf("WorkerMetricsTest: %d frames, %d faces, %d tracks; stage seconds %s%n", framesSampled,
                faces, tracks, java.util.stream.Stream.of("decode", "detect", "embed", "match_write")
                        .map(s -> s + " " + after.value("facefleet_video_stage_seconds_sum", "stage=\"" + s + "\""))
                        .toList());

        assertThat(tracks).isPositive();
        assertThat(delta(before, after, "facefleet_videos_processed_total", "result=\"done\"")).isEqualTo(1);
        assertThat(delta(before, after, "facefleet_videos_failed_total")).isZero();
        assertThat(delta(before, after, "facefleet_frames_sampled_total")).isEqualTo(framesSampled);
        assertThat(delta(before, after, "facefleet_frames_decoded_total")).isGreaterThanOrEqualTo(framesSampled);
        assertThat(delta(before, after, "facefleet_faces_detected_total")).isEqualTo(faces);
        assertThat(delta(before, after, "facefleet_face_tracks_total")).isEqualTo(tracks);
        for (String stage : new String[]{"decode", "detect", "embed", "match_write"}) {
            assertThat(delta(before, after, "facefleet_video_stage_seconds_count", "stage=\"" + stage + "\""))
                    .as(stage).isEqualTo(1);
        }
        assertThat(after.value("facefleet_video_stage_seconds_sum", "stage=\"detect\"")).isPositive();
        assertThat(delta(before, after, "facefleet_video_stage_seconds_bucket", "stage=\"detect\"", "le=\"+Inf\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "facefleet_creator_search_seconds_count")).as("one search per track")
                .isEqualTo(tracks);
        assertThat(delta(before, after, "facefleet_rematch_lock_wait_seconds_count", "acquired=\"true\""))
                .as("the enrolment's rematch took the lock").isEqualTo(1);
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private PrometheusScrape scrape() {
        ResponseEntity<String> response = RestClient.create("http://localhost:" + port).get()
                .uri("/actuator/prometheus").header("Authorization", "Bearer " + FaceApi.TOKEN)
                .retrieve().toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(200));
        return PrometheusScrape.of(response.getBody());
    }
}
