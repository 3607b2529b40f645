package io.facefleet.worker.face;

/**
 * One face found by the detector, in the original image's pixel coordinates.
 *
 * @param landmarks five points (left eye, right eye, nose, left mouth corner, right mouth corner) as x0,y0,…,x4,y4
 */
public record DetectedFace(float x1, float y1, float x2, float y2, float score, float[] landmarks) {

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    public float area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    public DetectedFace shifted(float dx, float dy) {
        float[] points = landmarks.clone();
        for (int i = 0; i < points.length; i += 2) {
            points[i] += dx;
            points[i + 1] += dy;
        }
        return new DetectedFace(x1 + dx, y1 + dy, x2 + dx, y2 + dy, score, points);
    }

    /** The box limited to the image; landmarks stay where the detector put them, for alignment. */
    public DetectedFace clippedTo(int width, int height) {
        return new DetectedFace(clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height), score, landmarks);
    }

    private static float clamp(float value, int limit) {
        return Math.max(0, Math.min(limit, value));
    }
}
