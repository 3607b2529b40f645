package io.facefleet.worker.face;

import java.util.ArrayList;
import java.util.List;

/**
 * Which output of an SCRFD model holds what, read from the output shapes instead of hard-coded names: per
 * feature level (strides 8, 16, 32 and, for 5-level models, 64 and 128) a score output (last dimension 1), a box
 * output (4) and, for models with keypoints, a landmark output (10), in the order InsightFace exports them.
 */
record ScrfdOutputLayout(List<Level> levels) {

    record Level(int stride, int scores, int boxes, int landmarks) {
    }

    static ScrfdOutputLayout of(OnnxModel model) {
        List<Integer> scores = new ArrayList<>();
        List<Integer> boxes = new ArrayList<>();
        List<Integer> landmarks = new ArrayList<>();
        List<long[]> shapes = model.outputShapes();
        for (int i = 0; i < shapes.size(); i++) {
            long[] shape = shapes.get(i);
            if (shape.length < 2 || shape.length > 3) {
                throw model.unfit("output " + model.outputNames().get(i) + " has rank " + shape.length
                        + "; an SCRFD detector's outputs are [rows, 1|4|10], optionally with a batch dimension");
            }
            switch ((int) shape[shape.length - 1]) {
                case 1 -> scores.add(i);
                case 4 -> boxes.add(i);
                case 10 -> landmarks.add(i);
                default -> throw model.unfit("output " + model.outputNames().get(i) + " ends in "
                        + shape[shape.length - 1] + "; an SCRFD detector outputs scores (1), boxes (4) and keypoints (10)");
            }
        }
        int levelCount = scores.size();
        if ((levelCount != 3 && levelCount != 5) || boxes.size() != levelCount
                || (!landmarks.isEmpty() && landmarks.size() != levelCount)) {
            throw model.unfit("it has " + scores.size() + " score, " + boxes.size() + " box and " + landmarks.size()
                    + " keypoint outputs; an SCRFD detector has 3 or 5 of each");
        }
        List<Level> levels = new ArrayList<>();
        for (int level = 0; level < levelCount; level++) {
            levels.add(new Level(8 << level, scores.get(level), boxes.get(level),
                    landmarks.isEmpty() ? -1 : landmarks.get(level)));
        }
        return new ScrfdOutputLayout(List.copyOf(levels));
    }

    boolean hasLandmarks() {
        return levels.getFirst().landmarks() >= 0;
    }
}
