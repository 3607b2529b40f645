package io.facefleet.common.pack;

/** A model pack that cannot be used: missing file, wrong hash, bad manifest, a model unfit for its role. */
public class ModelPackException extends RuntimeException {

    public ModelPackException(String message) {
        super(message);
    }

    public ModelPackException(String message, Throwable cause) {
        super(message, cause);
    }
}
