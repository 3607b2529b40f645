package io.facefleet.worker.api;

/** The image decoded fine but holds no face, so there is nothing to embed. */
public class NoFaceFoundException extends RuntimeException {

    public NoFaceFoundException() {
        super("No face found in the image");
    }
}
