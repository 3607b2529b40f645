package io.facefleet.common.image;

/** An image that Facefleet will not process, with a message fit for the person who sent it. */
public class ImageRejectedException extends RuntimeException {

    public enum Reason {
        /** Empty, damaged, truncated, or not an image at all. */
        NOT_AN_IMAGE,
        /** A real image in a format the workers do not take (GIF, TIFF, ...). */
        UNSUPPORTED_FORMAT,
        /** More pixels than the budget allows. */
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
