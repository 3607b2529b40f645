package io.facefleet.worker.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The face API's errors as RFC 9457 problems ({@code application/problem+json}), as the scheduler answers: the
 * status, its title, the request's path as {@code instance}, and in {@code detail} what the caller should fix.
 */
final class FaceApiProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FaceApiProblems() {
    }

    /** From a controller or its exception handler. */
    static ResponseEntity<ProblemDetail> answer(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** From a servlet filter, before any controller runs (the worker token, the admission limit). */
    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE); // JSON is UTF-8, which Jackson writes
        JSON.writeValue(response.getOutputStream(), body);
    }
}
