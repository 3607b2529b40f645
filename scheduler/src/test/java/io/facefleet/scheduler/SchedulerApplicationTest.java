package io.facefleet.scheduler;

import io.facefleet.common.app.FreePort;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.scheduler.support.SchedulerApi;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestCredentials;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static io.facefleet.scheduler.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings, the OpenAPI description, the JobRunr dashboard, the error answers, the probes and the metrics of the
 * running scheduler.
 */
@SchedulerTest
class SchedulerApplicationTest {

    @TempDir
    static Path library;
    private static DatabaseSettings database;
    private static int dashboardPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_scheduler_app", registry, () -> library, false);
        dashboardPort = FreePort.any();
        registry.add("jobrunr.dashboard.enabled", () -> true);
        registry.add("jobrunr.dashboard.port", () -> dashboardPort);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @LocalServerPort
    int port;
    @Autowired
    ConfigStore config;

    @Test
    void showsAndChangesTheRecognitionSettings() {
        SchedulerApi api = new SchedulerApi(port);
        JsonNode current = api.get("/api/config").getBody();
        assertThat(current.get("match_threshold").floatValue()).isEqualTo(0.35f);
        assertThat(current.get("auto_tag_threshold").floatValue()).isEqualTo(0.55f);
        assertThat(current.get("sample_interval_seconds").floatValue()).isEqualTo(2.0f);
        assertThat(current.get("min_frames_per_video").intValue()).isEqualTo(8); // the old default 30, migrated
        assertThat(current.get("max_frames_per_video").intValue()).isEqualTo(3600);
        assertThat(current.get("frames_per_video").intValue()).as("still readable by old clients").isEqualTo(8);

        ResponseEntity<JsonNode> changed = api.send(HttpMethod.PUT, "/api/config",
                "{\"match_threshold\": 0.3, \"sample_interval_seconds\": 1.5, \"min_frames_per_video\": 12}");

        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getBody().get("match_threshold").floatValue()).isEqualTo(0.3f);
        assertThat(changed.getBody().get("auto_tag_threshold").floatValue()).isEqualTo(0.55f);
        assertThat(changed.getBody().get("frames_per_video").intValue()).isEqualTo(12);
        assertThat(config.get()).isEqualTo(new RecognitionConfig(0.3f, 0.55f, 1.5f, 12, 3600, 0.5f, 20));
    }

    @Test
    void refusesSettingsThatContradictEachOther() {
        SchedulerApi api = new SchedulerApi(port);
        RecognitionConfig before = config.get();

        assertError(api.send(HttpMethod.PUT, "/api/config", "{\"match_threshold\": 0.7, \"auto_tag_threshold\": 0.6}"),
                HttpStatus.BAD_REQUEST, "match_threshold must not exceed auto_tag_threshold");
        assertError(api.send(HttpMethod.PUT, "/api/config", "{\"frames_per_video\": 60}"),
                HttpStatus.BAD_REQUEST, "frames_per_video can no longer be set");
        assertError(api.send(HttpMethod.PUT, "/api/config", "{\"sample_interval_seconds\": 0}"),
                HttpStatus.BAD_REQUEST, "sample_interval_seconds must be between 0.1 and 3600");
        assertError(api.send(HttpMethod.PUT, "/api/config",
                        "{\"min_frames_per_video\": 100, \"max_frames_per_video\": 50}"),
                HttpStatus.BAD_REQUEST, "min_frames_per_video must not exceed max_frames_per_video");
        assertError(api.send(HttpMethod.PUT, "/api/config", "{\"match_threshold\": \"high\"}"),
                HttpStatus.BAD_REQUEST, "'match_threshold' must be a number");
        assertThat(config.get()).isEqualTo(before);
    }

    @Test
    void answersUnknownPathsAndMethodsWithJsonErrors() {
        SchedulerApi api = new SchedulerApi(port);
        assertError(api.get("/api/nothing-here"), HttpStatus.NOT_FOUND, "");
        assertError(api.delete("/api/config"), HttpStatus.METHOD_NOT_ALLOWED, "");
    }

    @Test
    void describesTheApiWithOpenApiAndSwaggerUi() {
        SchedulerApi api = new SchedulerApi(port);
        JsonNode docs = api.get("/v3/api-docs").getBody();

        assertThat(docs.get("paths").propertyNames()).contains("/api/creators", "/api/creators/{id}",
                "/api/videos", "/api/videos/{id}/reprocess", "/api/review", "/api/review/{trackId}/confirm",
                "/api/config", "/api/library/scan");
        // Described as the API writes it: snake_case.
        assertThat(docs.get("components").get("schemas").get("VideoSummary").get("properties").propertyNames())
                .contains("size_bytes", "pending_track_count").doesNotContain("sizeBytes");
        assertThat(api.getText("/swagger-ui/index.html").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void servesTheJobRunrDashboardToItsUserOnly() {
        RestClient jobRunr = RestClient.builder().baseUrl("http://localhost:" + dashboardPort)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                }).build();
        assertThat(jobRunr.get().uri("/dashboard/").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(jobRunr.get().uri("/dashboard/").headers(h -> h.setBasicAuth("admin", "wrong"))
                .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<String> dashboard = jobRunr.get().uri("/dashboard/")
                .headers(h -> h.setBasicAuth("admin", TestCredentials.JOBRUNR_PASSWORD))
                .retrieve().toEntity(String.class);
        assertThat(dashboard.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(dashboard.getBody()).containsIgnoringCase("jobrunr");
    }

    @Test
    void probesAndPrometheusShowReadinessAndTheQueueDepthByJobState() {
        SchedulerApi api = new SchedulerApi(port);
        ResponseEntity<JsonNode> ready = api.get("/readyz");
        assertThat(ready.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ready.getBody().get("components").propertyNames())
                .containsExactlyInAnyOrder("readinessState", "database");
        assertThat(api.get("/livez").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.getText("/actuator/env").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        double enqueued = enqueuedJobs(api);

        // No worker runs here: the enrolment's job stays enqueued, and JobRunr's job stats (every 5 s) count it.
        assertThat(api.postMultipart("/api/creators", SchedulerApi.creatorForm("Queue Depth",
                SchedulerApi.photo("photos/Barack_Obama/fr_obama.jpg"))).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        await("jobrunr_jobs_by_state{state=ENQUEUED} counting the enrolment").atMost(Duration.ofSeconds(30))
                .until(() -> enqueuedJobs(api) == enqueued + 1);
    }

    private static double enqueuedJobs(SchedulerApi api) {
        ResponseEntity<String> metrics = api.getText("/actuator/prometheus");
        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
        return metrics.getBody().lines().filter(line -> line.startsWith("jobrunr_jobs_by_state{")
                        && line.contains("state=\"ENQUEUED\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no jobrunr_jobs_by_state{state=\"ENQUEUED\"}"));
    }
}
