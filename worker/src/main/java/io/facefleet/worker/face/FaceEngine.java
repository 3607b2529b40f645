package io.facefleet.worker.face;

import ai.onnxruntime.OrtEnvironment;
import io.facefleet.common.pack.ModelPack;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;

/**
 * Detects, aligns and embeds faces with one model pack. Created once per process; safe to share between threads.
 */
public final class FaceEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaceEngine.class);

    private final ModelPack pack;
    private final ExecutionProvider provider;
    private final ScrfdDetector detector;
    private final FaceAligner aligner = new FaceAligner();
    private final ArcFaceEmbedder embedder;
    private volatile boolean open = true;

    private FaceEngine(ModelPack pack, ExecutionProvider provider, ScrfdDetector detector, ArcFaceEmbedder embedder) {
        this.pack = pack;
        this.provider = provider;
        this.detector = detector;
        this.embedder = embedder;
    }

    public static FaceEngine open(ModelPack pack, EngineSettings settings) {
        ExecutionProvider provider = ExecutionProvider.choose(settings.executionProvider(),
                OrtEnvironment.getAvailableProviders());
        SessionTuner tuner = SessionTuner.of(settings);
        ScrfdDetector detector = new ScrfdDetector(pack.detectorFile(), pack.manifest().detector(), provider, settings,
                tuner);
        ArcFaceEmbedder embedder;
        try {
            embedder = new ArcFaceEmbedder(pack.recognizerFile(), pack.manifest().recognizer(), provider, settings,
                    tuner);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
        log.info("Face engine ready: pack {} ({}-d), execution provider {} (available: {}), recognizer batching {},"
                        + " optimisation {} {} and {} {}",
                pack.name(), pack.embeddingDim(), provider, OrtEnvironment.getAvailableProviders(),
                embedder.batches() ? "on" : "off (fixed batch of 1)",
                pack.detectorFile().getFileName(), summary(detector.optimisation()),
                pack.recognizerFile().getFileName(), summary(embedder.optimisation()));
        return new FaceEngine(pack, provider, detector, embedder);
    }

    private static String summary(OptimisationChoice choice) {
        return Optimisation.nameOf(choice.level()) + " (" + choice.source().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + ")";
    }

    public ModelPack pack() {
        return pack;
    }

    public ExecutionProvider executionProvider() {
        return provider;
    }

    OptimisationChoice detectorOptimisation() {
        return detector.optimisation();
    }

    OptimisationChoice recognizerOptimisation() {
        return embedder.optimisation();
    }

    public List<DetectedFace> detect(Mat bgr, StageTimings timings) {
        return detector.detect(bgr, timings);
    }

    /** Faces down to {@code minScore}, below the detector's usual threshold: for a face known to be there. */
    public List<DetectedFace> detect(Mat bgr, float minScore, StageTimings timings) {
        return detector.detect(bgr, minScore, timings);
    }

    /** Every face in the image, embedded in one batch, strongest detection first. */
    public List<Face> analyze(Mat bgr, StageTimings timings) {
        return embed(bgr, detect(bgr, timings), timings);
    }

    public List<Face> analyze(Mat bgr) {
        return analyze(bgr, StageTimings.NONE);
    }

    /**
     * The face the image is about: large and near the centre (InsightFace's ranking: area minus twice the squared
     * distance of the box centre from the image centre). A tight crop of a face (a profile picture, a thumbnail)
     * gives the detector no context and often no detection, so where none is found the image is tried again
     * inside a black frame.
     */
    public Optional<Face> mostProminent(Mat bgr, StageTimings timings) {
        List<DetectedFace> faces = detect(bgr, timings);
        if (faces.isEmpty()) {
            faces = detectInFrame(bgr, timings);
        }
        return mostProminent(bgr, faces, timings);
    }

    private List<DetectedFace> detectInFrame(Mat bgr, StageTimings timings) {
        int border = Math.max(bgr.cols(), bgr.rows()) / 2;
        try (Mat framed = new Mat(); Scalar black = Scalar.all(0)) {
            copyMakeBorder(bgr, framed, border, border, border, border, BORDER_CONSTANT, black);
            return detect(framed, timings).stream()
                    .map(face -> face.shifted(-border, -border).clippedTo(bgr.cols(), bgr.rows()))
                    .toList();
        }
    }

    /**
     * The most prominent face at a lower detector score than usual, for images known to show a face (an LFW photo,
     * a profile picture) where the regular threshold found none.
     */
    public Optional<Face> mostProminent(Mat bgr, float minScore, StageTimings timings) {
        return mostProminent(bgr, detector.detect(bgr, minScore, timings), timings);
    }

    /** The most prominent of faces already detected in this image, embedded. */
    public Optional<Face> mostProminent(Mat bgr, List<DetectedFace> faces, StageTimings timings) {
        double cx = bgr.cols() / 2.0, cy = bgr.rows() / 2.0;
        return faces.stream()
                .max(Comparator.comparingDouble(face -> prominence(face, cx, cy)))
                .map(face -> embed(bgr, List.of(face), timings).getFirst());
    }

    private static double prominence(DetectedFace face, double cx, double cy) {
        double dx = (face.x1() + face.x2()) / 2 - cx, dy = (face.y1() + face.y2()) / 2 - cy;
        return face.area() - 2 * (dx * dx + dy * dy);
    }

    /** The face warped onto the recognizer's 112×112 template by its landmarks; the caller closes it. */
    public Mat align(Mat bgr, DetectedFace face) {
        return aligner.align(bgr, face.landmarks());
    }

    /**
     * L2-normalised embeddings of faces already {@linkplain #align aligned}, in their order, in one batch where the
     * recognizer takes batches. The time counts as {@link Stage#ALIGN_AND_EMBED}.
     */
    public List<float[]> embedAligned(List<Mat> alignedFaces, StageTimings timings) {
        long start = System.nanoTime();
        try {
            return embedder.embed(alignedFaces, timings);
        } finally {
            timings.add(Stage.ALIGN_AND_EMBED, start);
        }
    }

    public List<Face> embed(Mat bgr, List<DetectedFace> faces, StageTimings timings) {
        return embedAll(List.of(bgr), List.of(faces), timings).getFirst();
    }

    /**
     * Faces of several images (video frames, say), per image, with every face worth keeping embedded in one batch.
     * The others are dropped before embedding, the costlier stage.
     */
    public List<List<Face>> analyzeAll(List<Mat> images, Predicate<DetectedFace> worthEmbedding,
                                       StageTimings timings) {
        List<List<DetectedFace>> detections = new ArrayList<>(images.size());
        for (Mat image : images) {
            detections.add(detect(image, timings).stream().filter(worthEmbedding).toList());
        }
        return embedAll(images, detections, timings);
    }

    private List<List<Face>> embedAll(List<Mat> images, List<List<DetectedFace>> detections, StageTimings timings) {
        long start = System.nanoTime();
        List<Mat> aligned = new ArrayList<>();
        try {
            for (int i = 0; i < images.size(); i++) {
                for (DetectedFace face : detections.get(i)) {
                    aligned.add(aligner.align(images.get(i), face.landmarks()));
                }
            }
            List<float[]> embeddings = embedder.embed(aligned, timings);
            List<List<Face>> result = new ArrayList<>(images.size());
            int next = 0;
            for (List<DetectedFace> faces : detections) {
                List<Face> embedded = new ArrayList<>(faces.size());
                for (DetectedFace face : faces) {
                    embedded.add(new Face(face, embeddings.get(next++)));
                }
                result.add(embedded);
            }
            return result;
        } finally {
            aligned.forEach(Mat::close);
            timings.add(Stage.ALIGN_AND_EMBED, start);
        }
    }

    /** Both models' sessions are loaded and take work: until {@link #close()}. */
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        detector.close();
        embedder.close();
    }
}
