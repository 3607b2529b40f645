package io.facefleet.scheduler.support;

import io.facefleet.common.Fixtures;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
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
import java.nio.file.Path;

/**
 * A real HTTP client for the scheduler under test, with a bearer token (by default the admin token
 * {@link TestCredentials} made for it); error answers come back as responses, not exceptions.
 */
public final class SchedulerApi {

    public static final Fixtures FIXTURES = Fixtures.locate();

    private final RestClient client;

    public SchedulerApi(int port) {
        this(port, TestCredentials.adminToken(port));
    }

    /** With this bearer token, or none where null. */
    public SchedulerApi(int port, String token) {
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

    public ResponseEntity<JsonNode> get(String path) {
        return client.get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    public ResponseEntity<String> getText(String path) {
        return client.get().uri(path).retrieve().toEntity(String.class);
    }

    public ResponseEntity<JsonNode> post(String path) {
        return client.post().uri(path).retrieve().toEntity(JsonNode.class);
    }

    public ResponseEntity<JsonNode> send(HttpMethod method, String path, String json) {
        return client.method(method).uri(path).contentType(MediaType.APPLICATION_JSON).body(json)
                .retrieve().toEntity(JsonNode.class);
    }

    public ResponseEntity<JsonNode> delete(String path) {
        return client.delete().uri(path).retrieve().toEntity(JsonNode.class);
    }

    public ResponseEntity<JsonNode> postMultipart(String path, MultiValueMap<String, Object> parts) {
        return client.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .retrieve().toEntity(JsonNode.class);
    }

    /** Multipart parts: the name (if not null) and each file under "photos". */
    public static MultiValueMap<String, Object> creatorForm(String name, NamedBytes... photos) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        if (name != null) {
            parts.add("name", name);
        }
        for (NamedBytes photo : photos) {
            parts.add("photos", photo);
        }
        return parts;
    }

    public static NamedBytes photo(String facedataPath) {
        Path file = FIXTURES.facedata(facedataPath);
        try {
            return new NamedBytes(Files.readAllBytes(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes sent as a file part: the multipart writer takes the part's file name from the resource. */
    public static final class NamedBytes extends ByteArrayResource {
        private final String fileName;

        public NamedBytes(byte[] bytes, String fileName) {
            super(bytes);
            this.fileName = fileName;
        }

        @Override
        public String getFilename() {
            return fileName;
        }
    }
}
