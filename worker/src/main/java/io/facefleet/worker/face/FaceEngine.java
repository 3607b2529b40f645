package io.facefleet.worker.face;

import ai.onnxruntime.OrtEnvironment;
import io.facefleet.common.pack.ModelPack;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    private FaceEngine(ModelPack pack, ExecutionProvider provider, ScrfdDetector detector, ArcFaceEmbedder embedder) {
        this.pack = pack;
        this.provider = provider;
        this.detector = detector;
        this.embedder = embedder;
    }

    public static FaceEngine open(ModelPack pack, EngineSettings settings) {
        ExecutionProvider provider = ExecutionProvider.choose(settings.executionProvider(),
                OrtEnvironment.getAvailableProviders());
        ScrfdDetector detector = new ScrfdDetector(pack.detectorFile(), pack.manifest().detector(), provider, settings);
        ArcFaceEmbedder embedder;
        try {
            embedder = new ArcFaceEmbedder(pack.recognizerFile(), pack.manifest().recognizer(), provider, settings);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
        log.info("Face engine ready: pack {} ({}-d), execution provider {} (available: {}), recognizer batching {}",
                pack.name(), pack.embeddingDim(), provider, OrtEnvironment.getAvailableProviders(),
                embedder.batches() ? "on" : "off (fixed batch of 1)");
        return new FaceEngine(pack, provider, detector, embedder);
    }

    public ModelPack pack() {
        return pack;
    }

    public ExecutionProvider executionProvider() {
        return provider;
    }

    public List<DetectedFace> detect(Mat bgr, StageTimings timings) {
        return detector.detect(bgr, timings);
    }

    /** Every face in the image, embedded in one batch, strongest detection first. */
    public List<Face> analyze(Mat bgr, StageTimings timings) {
        return embed(bgr, detect(bgr, timings), timings);
    }

    public List<Face> analyze(Mat bgr) {
        return analyze(bgr, StageTimings.NONE);
    }

    /** The largest face of the image, if it has one. */
    public Optional<Face> mostProminent(Mat bgr, StageTimings timings) {
        List<DetectedFace> faces = new ArrayList<>(detect(bgr, timings));
        faces.sort((a, b) -> Float.compare(b.area(), a.area()));
        return faces.isEmpty() ? Optional.empty() : Optional.of(embed(bgr, faces.subList(0, 1), timings).getFirst());
    }

    public List<Face> embed(Mat bgr, List<DetectedFace> faces, StageTimings timings) {
        return embedAll(List.of(bgr), List.of(faces), timings).getFirst();
    }

    /** Faces of several images (video frames, say), per image, with every face embedded in one batch. */
    public List<List<Face>> analyzeAll(List<Mat> images, StageTimings timings) {
        List<List<DetectedFace>> detections = new ArrayList<>(images.size());
        for (Mat image : images) {
            detections.add(detect(image, timings));
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

    @Override
    public void close() {
        detector.close();
        embedder.close();
    }
}
