package io.facefleet.worker.api;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.worker.support.FreshDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static io.facefleet.worker.api.FaceApi.cosine;
import static io.facefleet.worker.api.FaceApi.floats;
import static io.facefleet.worker.api.FaceApi.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The face API over a real Tomcat and the real dev-512 pack, on photos whose faces are known. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "facefleet.model-pack=dev-512")
class FaceApiTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_api");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.register(DB, registry);
    }

    private static final String OBAMA = "photos/Barack_Obama/fr_obama.jpg";

    @LocalServerPort
    int port;

    private FaceApi api() {
        return new FaceApi(port);
    }

    @Test
    void detectFindsObamasFaceWhereFaceRecognitionFindsIt() {
        ResponseEntity<JsonNode> response = api().uploadFixture("/detect", OBAMA);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode faces = response.getBody().get("faces");
        assertThat(faces.size()).isEqualTo(1);
        JsonNode face = faces.get(0);

        float[] embedding = floats(face.get("embedding"));
        assertThat(embedding).hasSize(512);
        assertThat(norm(embedding)).isCloseTo(1.0, within(1e-3));

        // face_recognition's test: top 142, right 617, bottom 409, left 349 in this 910x1137 photo.
        float[] box = floats(face.get("bbox"));
        assertThat(box).hasSize(4);
        assertThat(box[0]).isBetween(0f, 910f);
        assertThat(box[2]).isBetween(box[0], 910f);
        assertThat(box[1]).isBetween(0f, 1137f);
        assertThat(box[3]).isBetween(box[1], 1137f);
        assertThat((box[0] + box[2]) / 2).isBetween(349f, 617f);
        assertThat((box[1] + box[3]) / 2).isBetween(142f, 409f);
        assertThat(box[2] - box[0]).as("box width").isBetween(150f, 450f);

        JsonNode landmarks = face.get("landmarks");
        assertThat(landmarks.size()).isEqualTo(5);
        for (JsonNode point : landmarks) {
            assertThat(point.size()).isEqualTo(2);
            assertThat(point.get(0).floatValue()).isBetween(box[0], box[2]);
            assertThat(point.get(1).floatValue()).isBetween(box[1], box[3]);
        }
        assertThat(face.get("det_score").doubleValue()).isBetween(0.5, 1.0);
        assertThat(face.has("age")).isTrue();
        assertThat(face.get("age").isNull()).isTrue();
        assertThat(face.has("gender")).isTrue();
        assertThat(face.get("gender").isNull()).isTrue();
        assertThat(response.getBody().get("processing_time_ms").doubleValue()).isPositive();
    }

    @Test
    void detectFindsBothPeopleStrongestFirst() {
        JsonNode faces = api().uploadFixture("/detect", "groups/fr_two_people.jpg").getBody().get("faces");

        assertThat(faces.size()).isEqualTo(2);
        assertThat(faces.get(0).get("det_score").doubleValue())
                .isGreaterThanOrEqualTo(faces.get(1).get("det_score").doubleValue());
    }

    @Test
    void photoWithoutFacesGivesNoFacesOnDetectAnd422OnExtract() {
        ResponseEntity<JsonNode> detected = api().uploadFixture("/detect", "negatives/if_view_noface.jpg");
        assertThat(detected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(detected.getBody().get("faces").isArray()).isTrue();
        assertThat(detected.getBody().get("faces").size()).isZero();

        ResponseEntity<JsonNode> extracted = api().uploadFixture("/extract-embedding", "negatives/if_view_noface.jpg");
        assertThat(extracted.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(extracted.getBody().get("detail").asString()).isEqualTo("No face found in the image");
        assertThat(extracted.getBody().get("status").intValue()).isEqualTo(422);
        assertThat(extracted.getBody().get("instance").asString()).isEqualTo("/extract-embedding");
    }

    @Test
    void extractEmbeddingGivesOneFlatFace() {
        ResponseEntity<JsonNode> response = api().uploadFixture("/extract-embedding", OBAMA);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = response.getBody();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder(
                "embedding", "bbox", "det_score", "landmarks", "age", "gender", "processing_time_ms");
        assertThat(floats(body.get("embedding"))).hasSize(512);
        assertThat(body.get("bbox").size()).isEqualTo(4);
        assertThat(body.get("landmarks").size()).isEqualTo(5);
        assertThat(body.get("age").isNull()).isTrue();
        assertThat(body.get("gender").isNull()).isTrue();
    }

    @Test
    void embeddingsMatchObamaWithObamaAndNotWithBiden() {
        float[] obama = embedding(OBAMA);
        float[] obama2 = embedding("photos/Barack_Obama/fr_obama2.jpg");
        float[] biden = embedding("photos/Joe_Biden/fr_biden.jpg");

        // 0.28 is dev-512's verification threshold.
        assertThat(cosine(obama, obama2)).isGreaterThan(0.28);
        assertThat(cosine(obama, biden)).isLessThan(0.28);
    }

    @Test
    void extractEmbeddingAgreesWithDetectOnASingleFacePhoto() {
        float[] extracted = embedding(OBAMA);
        float[] detected = floats(api().uploadFixture("/detect", OBAMA).getBody().get("faces").get(0).get("embedding"));

        assertThat(cosine(extracted, detected)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void healthNamesThePackTheProviderAndTheModelFiles() {
        ResponseEntity<JsonNode> response = api().get("/health");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode health = response.getBody();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("model_pack").asString()).isEqualTo("dev-512");
        assertThat(health.get("embedding_dim").intValue()).isEqualTo(512);
        assertThat(health.get("execution_provider").asString()).isIn("cpu", "cuda", "rocm", "migraphx");
        assertThat(health.get("detector").asString()).isEqualTo("det_500m.onnx");
        assertThat(health.get("recognizer").asString()).isEqualTo("fr_feature.onnx");
        assertThat(health.get("checks").toString())
                .isEqualTo("{\"models\":{\"status\":\"UP\"},\"database\":{\"status\":\"UP\"},\"job_server\":{\"status\":\"UP\"}}");
    }

    @Test
    void theActuatorServesTheProbesAndPrometheusAndNothingElse() {
        ResponseEntity<JsonNode> ready = api().get("/readyz");
        assertThat(ready.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ready.getBody().get("components").propertyNames())
                .containsExactlyInAnyOrder("readinessState", "database", "jobServer", "models");
        assertThat(api().get("/livez").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api().get("/actuator/health/readiness").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api().getText("/actuator/prometheus").getBody()).contains("facefleet_videos_processed_total");
        for (String off : new String[]{"/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics",
                "/actuator/heapdump", "/actuator/threaddump", "/actuator/loggers", "/actuator/shutdown"}) {
            assertThat(api().getText(off).getStatusCode()).as(off).isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void facesAreFoundOnlyForTheWorkerToken() {
        for (String path : new String[]{"/detect", "/extract-embedding"}) {
            assertThat(new FaceApi(port, null).uploadFixture(path, OBAMA).getStatusCode()).as(path)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            ResponseEntity<JsonNode> wrong = new FaceApi(port, FaceApi.TOKEN + "x").uploadFixture(path, OBAMA);
            assertThat(wrong.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(wrong.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(wrong.getBody().get("detail").asString()).contains("Wrong worker token");
        }
        assertThat(new FaceApi(port, null).get("/actuator/health").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(new FaceApi(port, null).get("/health").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(new FaceApi(port, null).get("/readyz").getStatusCode()).as("probes stay open").isEqualTo(HttpStatus.OK);
        assertThat(new FaceApi(port, null).get("/livez").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(new FaceApi(port, null).getText("/actuator/prometheus").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api().uploadFixture("/detect", OBAMA).getBody().get("faces").size()).isEqualTo(1);
    }

    private float[] embedding(String facedataPath) {
        ResponseEntity<JsonNode> response = api().uploadFixture("/extract-embedding", facedataPath);
        assertThat(response.getStatusCode()).as(facedataPath).isEqualTo(HttpStatus.OK);
        return floats(response.getBody().get("embedding"));
    }
}
