package io.facefleet.scheduler.support;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

public final class ApiAssertions {

    private ApiAssertions() {
    }

    /** An error answer: the status, an {@code ApiError} body naming the path, and a message saying {@code message}. */
    public static void assertError(ResponseEntity<JsonNode> response, HttpStatus status, String message) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        JsonNode body = response.getBody();
        assertThat(body).as("error body").isNotNull();
        assertThat(body.get("status").intValue()).isEqualTo(status.value());
        assertThat(body.get("error").stringValue()).contains(message);
        assertThat(body.get("path").stringValue()).startsWith("/api/");
    }
}
