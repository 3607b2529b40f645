package io.facefleet.worker.cli;

import io.facefleet.worker.face.DetectedFace;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.common.image.ImageRejectedException;
import io.facefleet.worker.face.StageTimings;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Print the faces found in each image: box (x1, y1, x2, y2 in pixels) and detector score.")
final class DetectCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "JPEG, PNG, WebP or BMP files.")
    List<Path> images;

    @Override
    public Integer call() {
        int failures = 0;
        ImageDecoder decoder = engineOptions.decoder();
        try (FaceEngine engine = engineOptions.openEngine()) {
            for (Path image : images) {
                try (Mat bgr = decoder.decode(image)) {
                    List<DetectedFace> faces = engine.detect(bgr, StageTimings.NONE);
                    System.out.printf("%s: %d face%s (%dx%d)%n", image, faces.size(), faces.size() == 1 ? "" : "s",
                            bgr.cols(), bgr.rows());
                    for (int i = 0; i < faces.size(); i++) {
                        DetectedFace f = faces.get(i);
                        System.out.printf("  #%d  box [%.0f, %.0f, %.0f, %.0f]  score %.3f%n",
                                i + 1, f.x1(), f.y1(), f.x2(), f.y2(), f.score());
                    }
                } catch (ImageRejectedException | UncheckedIOException e) {
                    System.err.printf("%s: %s%n", image, e.getMessage());
                    failures++;
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
