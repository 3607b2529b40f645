package io.facefleet.worker.face;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.facefleet.common.pack.DetectorSpec;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect2d;
import org.bytedeco.opencv.opencv_core.Rect2dVector;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_dnn.NMSBoxes;

/** SCRFD face detector: letterbox, run, decode anchors at every stride, non-maximum suppression. */
final class ScrfdDetector implements AutoCloseable {

    private final OnnxModel model;
    private final DetectorSpec spec;
    private final ScrfdOutputLayout layout;
    private final float scoreThreshold;
    private final float nmsThreshold;

    ScrfdDetector(Path file, DetectorSpec spec, ExecutionProvider provider, EngineSettings settings,
                  SessionTuner tuner) {
        this.model = new OnnxModel(file, provider, settings.intraOpThreads(), tuner,
                spec.inputHeight(), spec.inputWidth());
        this.spec = spec;
        this.scoreThreshold = settings.scoreThreshold();
        this.nmsThreshold = settings.nmsThreshold();
        long[] input = model.inputShape();
        if (input.length != 4 || (input[1] != 3 && input[1] != -1)) {
            model.close();
            throw model.unfit("its input is " + Arrays.toString(input) + "; a detector takes [1, 3, H, W]");
        }
        this.layout = ScrfdOutputLayout.of(model);
        if (!layout.hasLandmarks()) {
            model.close();
            throw model.unfit("it outputs no facial keypoints, which alignment needs; use an SCRFD model with"
                    + " keypoints (the _kps / bnkps exports)");
        }
        warmUp();
    }

    /** One run on a black image: checks the outputs decode, and takes ONNX Runtime's first-run cost at start-up. */
    private void warmUp() {
        try (Mat black = new Mat(spec.inputHeight(), spec.inputWidth(), org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                org.bytedeco.opencv.opencv_core.Scalar.all(0))) {
            detect(black, StageTimings.NONE);
        } catch (RuntimeException e) {
            model.close();
            throw model.unfit("a test run failed: " + e.getMessage());
        }
    }

    OptimisationChoice optimisation() {
        return model.optimisation();
    }

    List<DetectedFace> detect(Mat bgr, StageTimings timings) {
        return detect(bgr, scoreThreshold, timings);
    }

    List<DetectedFace> detect(Mat bgr, float minScore, StageTimings timings) {
        long start = System.nanoTime();
        int width = spec.inputWidth();
        int height = spec.inputHeight();
        List<DetectedFace> candidates;
        try (Letterbox letterbox = Letterbox.fit(bgr, width, height);
             Mat blob = Blobs.nchw(List.of(letterbox.canvas()), width, height, spec.mean(), spec.std(), spec.channelOrder());
             OnnxTensor tensor = Blobs.tensor(blob, 1, 3, height, width);
             OrtSession.Result result = model.run(tensor, timings, Stage.DETECTOR_MODEL)) {
            candidates = decode(result, letterbox.scale(), minScore);
        }
        List<DetectedFace> faces = suppressOverlaps(candidates, minScore).stream()
                .map(face -> face.clippedTo(bgr.cols(), bgr.rows())).toList();
        timings.add(Stage.DETECTION, start);
        return faces;
    }

    private List<DetectedFace> decode(OrtSession.Result result, float scale, float minScore) {
        List<DetectedFace> faces = new ArrayList<>();
        for (ScrfdOutputLayout.Level level : layout.levels()) {
            FloatBuffer scores = floats(result, level.scores());
            FloatBuffer boxes = floats(result, level.boxes());
            FloatBuffer points = floats(result, level.landmarks());
            int stride = level.stride();
            int columns = spec.inputWidth() / stride;
            int cells = columns * (spec.inputHeight() / stride);
            int rows = scores.remaining();
            int anchorsPerCell = Math.max(1, rows / cells);
            for (int row = 0; row < rows; row++) {
                float score = scores.get(row);
                if (score < minScore) {
                    continue;
                }
                int cell = row / anchorsPerCell;
                float cx = (cell % columns) * stride;
                float cy = (cell / columns) * stride;
                float[] landmarks = new float[10];
                for (int k = 0; k < 5; k++) {
                    landmarks[2 * k] = (cx + points.get(row * 10 + 2 * k) * stride) / scale;
                    landmarks[2 * k + 1] = (cy + points.get(row * 10 + 2 * k + 1) * stride) / scale;
                }
                faces.add(new DetectedFace(
                        (cx - boxes.get(row * 4) * stride) / scale,
                        (cy - boxes.get(row * 4 + 1) * stride) / scale,
                        (cx + boxes.get(row * 4 + 2) * stride) / scale,
                        (cy + boxes.get(row * 4 + 3) * stride) / scale,
                        score, landmarks));
            }
        }
        return faces;
    }

    private static FloatBuffer floats(OrtSession.Result result, int index) {
        try {
            return ((OnnxTensor) result.get(index)).getFloatBuffer();
        } catch (ClassCastException e) {
            throw new IllegalStateException("Detector output " + index + " is not a tensor", e);
        }
    }

    /** Keeps the strongest of overlapping boxes, strongest first (OpenCV's NMS). */
    private List<DetectedFace> suppressOverlaps(List<DetectedFace> candidates, float minScore) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        float[] scores = new float[candidates.size()];
        Rect2d[] rects = new Rect2d[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            DetectedFace f = candidates.get(i);
            scores[i] = f.score();
            rects[i] = new Rect2d(f.x1(), f.y1(), f.width(), f.height());
        }
        List<DetectedFace> kept = new ArrayList<>();
        try (Rect2dVector boxes = new Rect2dVector(rects);
             FloatPointer scorePointer = new FloatPointer(scores);
             IntPointer indices = new IntPointer()) {
            NMSBoxes(boxes, scorePointer, minScore, nmsThreshold, indices);
            for (long i = 0; i < indices.limit(); i++) {
                kept.add(candidates.get(indices.get(i)));
            }
        } finally {
            for (Rect2d rect : rects) {
                rect.close();
            }
        }
        kept.sort((a, b) -> Float.compare(b.score(), a.score()));
        return kept;
    }

    @Override
    public void close() {
        model.close();
    }

}
