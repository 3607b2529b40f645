package io.facefleet.scheduler.support;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

public final class ApiAssertions {

    private ApiAssertions() {
    }

    /**
     * An error answer: the status, an RFC 9457 problem ({@code application/problem+json}) naming the path as its
     * instance, and a {@code detail} saying {@code message}.
     */
    public static void assertError(ResponseEntity<JsonNode> response, HttpStatus status, String message) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode body = response.getBody();
        assertThat(body).as("error body").isNotNull();
        assertThat(body.get("status").intValue()).isEqualTo(status.value());
        assertThat(body.get("title").stringValue()).isEqualTo(status.getReasonPhrase());
        assertThat(body.get("detail").stringValue()).contains(message);
        assertThat(body.get("instance").stringValue()).startsWith("/api/");
    }
}
