package io.facefleet.worker.api;

import io.facefleet.common.Fixtures;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A real HTTP client for the worker under test, with the worker token the tests' workers take (set in the test
 * classpath's config/application.properties); error answers come back as responses, not exceptions.
 */
public final class FaceApi {

    public static final String TOKEN = "test-worker-token";
    static final Fixtures FIXTURES = Fixtures.locate();

    private final RestClient client;

    public FaceApi(int port) {
        this(port, TOKEN);
    }

    /** With this bearer token, or none where null. */
    public FaceApi(int port, String token) {
        client = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                })
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                })
                .build();
    }

    static byte[] fixture(String facedataPath) {
        try {
            return Files.readAllBytes(FIXTURES.facedata(facedataPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ResponseEntity<JsonNode> uploadFixture(String path, String facedataPath) {
        return upload(path, fixture(facedataPath), facedataPath.substring(facedataPath.lastIndexOf('/') + 1));
    }

    ResponseEntity<JsonNode> upload(String path, byte[] bytes, String fileName) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new NamedBytes(bytes, fileName));
        return postMultipart(path, parts);
    }

    ResponseEntity<JsonNode> postMultipart(String path, MultiValueMap<String, Object> parts) {
        return client.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .retrieve().toEntity(JsonNode.class);
    }

    ResponseEntity<JsonNode> postJson(String path, String json) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json)
                .retrieve().toEntity(JsonNode.class);
    }

    public ResponseEntity<JsonNode> get(String path) {
        return client.get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    public ResponseEntity<String> getText(String path) {
        return client.get().uri(path).retrieve().toEntity(String.class);
    }

    /** Bytes sent as a file part: the multipart writer takes the part's file name from the resource. */
    private static final class NamedBytes extends ByteArrayResource {
        private final String fileName;

        NamedBytes(byte[] bytes, String fileName) {
            super(bytes);
            this.fileName = fileName;
        }

        @Override
        public String getFilename() {
            return fileName;
        }
    }

    static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).floatValue();
        }
        return values;
    }

    static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }
}
