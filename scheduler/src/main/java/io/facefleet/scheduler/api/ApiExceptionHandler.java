package io.facefleet.scheduler.api;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

import java.net.URI;

/**
 * Answers every failure as an RFC 9457 problem ({@link ProblemDetail}, {@code application/problem+json}): the status,
 * its title, the request's path as {@code instance}, and in {@code detail} what the caller should fix.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e, HttpServletRequest request) {
        return error(e.status(), e.getMessage(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "'" + e.getName() + "' must be " + expected(e.getRequiredType())
                + ", not '" + e.getValue() + "'", request);
    }

    private static String expected(Class<?> type) {
        if (type == long.class || type == int.class || (type != null && Number.class.isAssignableFrom(type))) {
            return "a whole number";
        }
        return type == boolean.class || type == Boolean.class ? "true or false" : "valid";
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "'" + e.getParameterName() + "' is required", request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, JsonProblem.describe(e.getMostSpecificCause()), request);
    }

    /** A multipart body without its boundary, cut short, or otherwise unreadable. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "The request is not a readable multipart/form-data upload: "
                + e.getMostSpecificCause().getMessage(), request);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "The upload is too large: " + e.getMostSpecificCause().getMessage(),
                request);
    }

    /** Spring's own refusals (unknown path, wrong method or content type) keep their status and wording. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response) {
            String detail = response.getBody().getDetail();
            return error(response.getStatusCode(), detail == null ? e.getMessage() : detail, request);
        }
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error (" + e.getClass().getSimpleName()
                + "); the scheduler's log has the details", request);
    }

    private static ResponseEntity<ProblemDetail> error(HttpStatusCode status, String message, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
