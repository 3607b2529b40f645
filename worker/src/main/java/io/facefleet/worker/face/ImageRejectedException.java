package io.facefleet.worker.face;

/** An image that Facefleet will not process, with a message fit for the person who sent it. */
public class ImageRejectedException extends RuntimeException {

    public enum Reason {
        NOT_AN_IMAGE,
        TOO_LARGE
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
