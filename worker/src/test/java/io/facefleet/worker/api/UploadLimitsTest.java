package io.facefleet.worker.api;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.worker.support.FreshDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads over the byte limit (enforced by Tomcat) and images over the pixel budget are 413s that say why. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "facefleet.model-pack=dev-512",
        "spring.servlet.multipart.max-file-size=1MB",
        "spring.servlet.multipart.max-request-size=2MB",
        "facefleet.engine.max-image-pixels=100000"})
class UploadLimitsTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_api");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.register(DB, registry);
    }

    @LocalServerPort
    int port;

    @Test
    void uploadOverTheFileSizeLimitIs413NamingTheLimit() {
        // 2.7 MB: over the 1MB per-file limit.
        ResponseEntity<JsonNode> response = new FaceApi(port).uploadFixture("/detect", "photos/Shea_Whigham/fp_1.jpg");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(response.getBody().get("status").intValue()).isEqualTo(413);
        assertThat(response.getBody().get("detail").asString()).contains("1MB");
        assertThat(response.getBody().get("instance").asString()).isEqualTo("/detect");
    }

    @Test
    void imageOverThePixelBudgetIs413() {
        // 910x1137 = 1,034,670 pixels, over the budget of 100,000; 280 KB, under the byte limit.
        ResponseEntity<JsonNode> response = new FaceApi(port)
                .uploadFixture("/extract-embedding", "photos/Barack_Obama/fr_obama.jpg");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(response.getBody().get("detail").asString()).contains("910x1137", "100000 pixels");
    }
}
