package io.facefleet.worker.tracking;

import io.facefleet.worker.face.DetectedFace;

/** Overlap of face boxes. */
final class Boxes {

    private Boxes() {
    }

    /** Intersection over union, 0 for boxes that do not meet. */
    static double iou(DetectedFace a, DetectedFace b) {
        double width = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double height = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        if (width <= 0 || height <= 0) {
            return 0;
        }
        double intersection = width * height;
        return intersection / (a.area() + b.area() - intersection);
    }

    static double centreDistance(DetectedFace a, DetectedFace b) {
        double dx = (a.x1() + a.x2() - b.x1() - b.x2()) / 2, dy = (a.y1() + a.y2() - b.y1() - b.y2()) / 2;
        return Math.hypot(dx, dy);
    }

    /** The wider box's width over the narrower's: 1 for boxes of one size. */
    static double widthRatio(DetectedFace a, DetectedFace b) {
        double wide = Math.max(a.width(), b.width()), narrow = Math.max(1e-3, Math.min(a.width(), b.width()));
        return wide / narrow;
    }
}
