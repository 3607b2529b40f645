package io.facefleet.worker.video;

/** A file FFmpeg cannot read as a video: not a video, truncated, or without a video stream. */
public class UnreadableVideoException extends RuntimeException {

    public UnreadableVideoException(String message) {
        super(message);
    }

    public UnreadableVideoException(String message, Throwable cause) {
        super(message, cause);
    }
}
