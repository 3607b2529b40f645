package io.facefleet.common.store;

/** One sampled face of a face track: when, where (x1, y1, x2, y2 in the frame's pixels) and how sure the detector was. */
public record NewSighting(double frameTimestamp, float[] bbox, float detScore) {
}
