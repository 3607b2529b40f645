package io.facefleet.scheduler.api;

/** The body of every error the API answers with. */
public record ApiError(int status, String error, String path) {
}
