package io.facefleet.worker.api;

/** The body of every error the face API answers with. */
public record ApiError(int status, String error, String path) {
}
