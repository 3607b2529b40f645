package io.facefleet.worker.cli;

import io.facefleet.worker.face.Face;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.worker.face.StageTimings;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Cosine similarity of the most prominent faces of two images, and whether they are the same"
                + " person at the pack's verification threshold.")
final class CompareCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Parameters(index = "0", paramLabel = "A")
    Path first;

    @Parameters(index = "1", paramLabel = "B")
    Path second;

    @Override
    public Integer call() {
        ImageDecoder decoder = engineOptions.decoder();
        try (FaceEngine engine = engineOptions.openEngine()) {
            Optional<Face> a = prominentFace(engine, decoder, first);
            Optional<Face> b = prominentFace(engine, decoder, second);
            if (a.isEmpty() || b.isEmpty()) {
                System.err.println("No face found in " + (a.isEmpty() ? first : second));
                return 2;
            }
            float similarity = a.get().cosineSimilarity(b.get());
            float threshold = engine.pack().manifest().thresholds().verification();
            System.out.printf("similarity %.4f -> %s (threshold %.2f, pack %s)%n", similarity,
                    similarity >= threshold ? "same person" : "different people", threshold, engine.pack().name());
            return 0;
        }
    }

    private static Optional<Face> prominentFace(FaceEngine engine, ImageDecoder decoder, Path image) {
        try (Mat bgr = decoder.decode(image)) {
            return engine.mostProminent(bgr, StageTimings.NONE);
        }
    }
}
