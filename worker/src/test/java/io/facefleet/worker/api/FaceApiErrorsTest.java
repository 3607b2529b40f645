package io.facefleet.worker.api;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.worker.support.FreshDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad uploads get an RFC 9457 problem whose detail the caller can act on, on both image endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "facefleet.model-pack=dev-512")
class FaceApiErrorsTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_api");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.register(DB, registry);
    }

    @LocalServerPort
    int port;

    private FaceApi api() {
        return new FaceApi(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/detect", "/extract-embedding"})
    void textFileIsNotAnImage(String path) {
        byte[] text = "name,similarity\nobama,0.9\n".getBytes(StandardCharsets.UTF_8);

        assertError(api().upload(path, text, "faces.csv"), HttpStatus.BAD_REQUEST, path, "Not a supported image");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/detect", "/extract-embedding"})
    void emptyFileIsRefused(String path) {
        assertError(api().upload(path, new byte[0], "empty.jpg"), HttpStatus.BAD_REQUEST, path, "The file is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/detect", "/extract-embedding"})
    void truncatedJpegIsRefused(String path) {
        byte[] truncated = Arrays.copyOf(FaceApi.fixture("photos/Barack_Obama/fr_obama.jpg"), 2000);

        ResponseEntity<JsonNode> response = api().upload(path, truncated, "fr_obama.jpg");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("detail").asString()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/detect", "/extract-embedding"})
    void missingFilePartIsNamed(String path) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("image", "not the field we read");

        assertError(api().postMultipart(path, parts), HttpStatus.BAD_REQUEST, path,
                "multipart field 'file' is required");
    }

    @Test
    void requestThatIsNotMultipartIsRefused() {
        assertError(api().postJson("/detect", "{\"file\":\"obama.jpg\"}"), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "/detect",
                "multipart/form-data");
    }

    @Test
    void aWrongMethodOrPathIsAProblemToo() {
        ResponseEntity<JsonNode> wrongMethod = api().get("/detect");
        assertError(wrongMethod, HttpStatus.METHOD_NOT_ALLOWED, "/detect", "Method 'GET' is not supported");
        assertThat(wrongMethod.getHeaders().getAllow()).containsExactly(HttpMethod.POST);

        assertError(api().get("/detecting"), HttpStatus.NOT_FOUND, "/detecting", "No static resource detecting");
    }

    private static void assertError(ResponseEntity<JsonNode> response, HttpStatus status, String path, String message) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode body = response.getBody();
        assertThat(body.get("title").asString()).isEqualTo(status.getReasonPhrase());
        assertThat(body.get("status").intValue()).isEqualTo(status.value());
        assertThat(body.get("instance").asString()).isEqualTo(path);
        assertThat(body.get("detail").asString()).contains(message);
    }
}
