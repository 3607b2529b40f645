package io.facefleet.worker.eval;

import io.facefleet.worker.face.Embeddings;
import io.facefleet.worker.face.Face;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.worker.face.Stage;
import io.facefleet.worker.face.StageTimings;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The standard LFW verification benchmark run through the real pipeline: every image referred to by pairs.txt
 * is decoded, its most prominent face detected, aligned and embedded; each pair is scored by cosine similarity;
 * accuracy follows the 10-fold protocol. Every LFW image shows its subject, so where the detector finds no face
 * (a detection miss, reported) the image is tried inside a black frame and then with candidates down to a score
 * of {@value #RETRY_MIN_SCORE}; a pair with an image where even that finds nothing scores -1 ("different people").
 */
public final class LfwBenchmark {

    public record Report(String pack, String executionProvider, TenFoldVerification.Result verification,
                         int pairs, int images, List<Path> missed, List<Path> unrecovered, StageTimings timings,
                         double wallSeconds, int threads) {

        public double millisPerImage(Stage stage) {
            return timings.totalMillis(stage) / images;
        }
    }

    static final float RETRY_MIN_SCORE = 0.1f;

    private final FaceEngine engine;
    private final ImageDecoder decoder;
    private final int threads;

    public LfwBenchmark(FaceEngine engine, ImageDecoder decoder, int threads) {
        this.engine = engine;
        this.decoder = decoder;
        this.threads = threads;
    }

    public Report run(Path lfwFolder, IntConsumer progress) {
        return run(lfwFolder, LfwPairs.FOLDS, progress);
    }

    /**
     * The protocol on the first {@code folds} folds only (600 pairs each): each fold's threshold is chosen on the
     * others of those. Fewer images to embed, for a quicker check; the standard figure is all ten.
     */
    public Report run(Path lfwFolder, int folds, IntConsumer progress) {
        if (folds < 2 || folds > LfwPairs.FOLDS) {
            throw new IllegalArgumentException("folds must be between 2 and " + LfwPairs.FOLDS + ", not " + folds);
        }
        List<LfwPair> pairs = LfwPairs.read(lfwFolder).stream().filter(pair -> pair.fold() < folds).toList();
        List<Path> images = pairs.stream().flatMap(p -> Stream.of(p.first(), p.second()))
                .distinct().toList();
        StageTimings timings = new StageTimings();
        long start = System.nanoTime();
        Set<Path> missed = ConcurrentHashMap.newKeySet();
        Map<Path, Optional<float[]>> embeddings = embedAll(images, timings, missed, progress);
        double wallSeconds = (System.nanoTime() - start) / 1e9;

        List<TenFoldVerification.Scored> scored = new ArrayList<>(pairs.size());
        for (LfwPair pair : pairs) {
            Optional<float[]> a = embeddings.get(pair.first());
            Optional<float[]> b = embeddings.get(pair.second());
            float similarity = a.isPresent() && b.isPresent()
                    ? Embeddings.cosine(a.get(), b.get()) : -1f;
            scored.add(new TenFoldVerification.Scored(similarity, pair.samePerson(), pair.fold()));
        }
        List<Path> unrecovered = embeddings.entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey).sorted().toList();
        return new Report(engine.pack().name(), engine.executionProvider().id(), TenFoldVerification.evaluate(scored),
                pairs.size(), images.size(), missed.stream().sorted().toList(), unrecovered, timings, wallSeconds,
                threads);
    }

    /** The most prominent face of each image, embedded ({@code --parallel} at once); empty where none was found. */
    public Map<Path, Optional<float[]>> embed(List<Path> images, IntConsumer progress) {
        return embedAll(images, new StageTimings(), ConcurrentHashMap.newKeySet(), progress);
    }

    private Map<Path, Optional<float[]>> embedAll(List<Path> images, StageTimings timings, Set<Path> missed,
                                                  IntConsumer progress) {
        Map<Path, Optional<float[]>> embeddings = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (Path image : images) {
                futures.add(pool.submit(() -> {
                    embeddings.put(image, embed(image, timings, missed));
                    progress.accept(embeddings.size());
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("LFW benchmark failed: " + e.getMessage(), e);
        }
        return embeddings;
    }

    private Optional<float[]> embed(Path image, StageTimings timings, Set<Path> missed) {
        long start = System.nanoTime();
        Mat bgr = decoder.decode(image);
        timings.add(Stage.DECODE, start);
        try (bgr) {
            Optional<Face> face = engine.mostProminent(bgr, engine.detect(bgr, timings), timings);
            if (face.isEmpty()) {
                missed.add(image);
                face = engine.mostProminent(bgr, StageTimings.NONE)
                        .or(() -> engine.mostProminent(bgr, RETRY_MIN_SCORE, StageTimings.NONE));
            }
            return face.map(Face::embedding);
        }
    }
}
