package io.facefleet.scheduler.api;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** Answers every failure with an {@link ApiError}. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e, HttpServletRequest request) {
        return error(e.status(), e.getMessage(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
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
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "'" + e.getParameterName() + "' is required", request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, JsonProblem.describe(e.getMostSpecificCause()), request);
    }

    /** A multipart body without its boundary, cut short, or otherwise unreadable. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> unreadableMultipart(MultipartException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "The request is not a readable multipart/form-data upload: "
                + e.getMostSpecificCause().getMessage(), request);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "The upload is too large: " + e.getMostSpecificCause().getMessage(),
                request);
    }

    /** Spring's own refusals (unknown path, wrong method or content type) keep their status and wording. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response) {
            String detail = response.getBody().getDetail();
            return error(response.getStatusCode(), detail == null ? e.getMessage() : detail, request);
        }
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error (" + e.getClass().getSimpleName()
                + "); the scheduler's log has the details", request);
    }

    private static ResponseEntity<ApiError> error(HttpStatusCode status, String message, HttpServletRequest request) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), message, request.getRequestURI()));
    }
}
