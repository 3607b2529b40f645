package io.facefleet.worker.api;

import io.facefleet.common.image.ImageRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.net.URI;

/** Answers every failure of the face API as a problem ({@link FaceApiProblems}) that tells the caller what to fix. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private final MultipartProperties multipart;

    public ApiExceptionHandler(MultipartProperties multipart) {
        this.multipart = multipart;
    }

    @ExceptionHandler(ImageRejectedException.class)
    ResponseEntity<ProblemDetail> imageRejected(ImageRejectedException e, HttpServletRequest request) {
        HttpStatus status = switch (e.reason()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case NOT_AN_IMAGE -> HttpStatus.BAD_REQUEST;
        };
        return error(status, e.getMessage(), request);
    }

    @ExceptionHandler(NoFaceFoundException.class)
    ResponseEntity<ProblemDetail> noFace(NoFaceFoundException e, HttpServletRequest request) {
        return error(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), request);
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "multipart field '" + e.getRequestPartName() + "' is required", request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> notMultipart(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        String sent = e.getContentType() == null ? "a request without a content type" : e.getContentType().toString();
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the image as multipart/form-data in the field '"
                + FaceController.FILE_PART + "', not as " + sent, request);
    }

    // Tomcat refuses the upload while parsing it, before any controller runs; the exception does not say the limit.
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "The upload is too large: the limit is "
                + readable(multipart.getMaxFileSize()) + " per file and " + readable(multipart.getMaxRequestSize())
                + " per request", request);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> badMultipart(MultipartException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "The request is not a readable multipart/form-data upload: "
                + e.getMessage(), request);
    }

    /** Spring's own refusals (a wrong method, an unknown path) keep their status, wording and headers (Allow). */
    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, NoResourceFoundException.class})
    ResponseEntity<ProblemDetail> refusedBySpring(Exception e, HttpServletRequest request) {
        ErrorResponse refusal = (ErrorResponse) e;
        ProblemDetail problem = refusal.getBody();
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(refusal.getStatusCode()).headers(refusal.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> error(HttpStatus status, String message, HttpServletRequest request) {
        return FaceApiProblems.answer(status, message, request);
    }

    private static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes > 0 && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + "MB";
        }
        if (bytes > 0 && bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + "KB";
        }
        return bytes + " bytes";
    }
}
