package io.facefleet.worker.cli;

import io.facefleet.common.Fixtures;
import io.facefleet.worker.eval.ClusteringBenchmark;
import io.facefleet.worker.eval.EmbeddingsFile;
import io.facefleet.worker.eval.LfwBenchmark;
import io.facefleet.worker.face.FaceEngine;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/** Where the LFW images are and how many are embedded at once: the options of the commands that read LFW. */
final class LfwOptions {

    @Option(names = "--lfw", paramLabel = "DIR", description = "Folder with pairs.txt and images/. Default: facedata/lfw.")
    Path lfw;

    @Option(names = "--parallel", paramLabel = "N", description = "Images processed at once. Default: CPU cores.")
    int parallel = Runtime.getRuntime().availableProcessors();

    Path folder() {
        return lfw != null ? lfw : Fixtures.locate().facedata("lfw");
    }

    /**
     * Opens the engine with one ONNX Runtime thread per model run unless told otherwise: the images run in
     * parallel, so more threads each would only compete.
     */
    FaceEngine openEngine(EngineOptions engineOptions) {
        if (engineOptions.intraOpThreads == 0) {
            engineOptions.intraOpThreads = 1;
        }
        return engineOptions.openEngine();
    }

    LfwBenchmark benchmark(FaceEngine engine, EngineOptions engineOptions) {
        return new LfwBenchmark(engine, engineOptions.decoder(), parallel);
    }

    /**
     * Each person's images embedded, one labelled face per image where a face was found; the embeddings are read
     * from {@code embeddingsFile} where it exists, else written to it (when given).
     */
    List<ClusteringBenchmark.LabelledFace> labelledFaces(FaceEngine engine, EngineOptions engineOptions,
                                                         Map<String, List<Path>> people, Path embeddingsFile) {
        Path folder = folder();
        Map<String, float[]> embedded;
        if (embeddingsFile != null && Files.exists(embeddingsFile)) {
            embedded = EmbeddingsFile.read(embeddingsFile);
        } else {
            embedded = new LinkedHashMap<>();
            List<Path> images = people.values().stream().flatMap(List::stream).toList();
            benchmark(engine, engineOptions).embed(images, progress()).forEach((file, e) -> e.ifPresent(v ->
                    embedded.put(folder.relativize(file).toString(), v)));
            if (embeddingsFile != null) {
                EmbeddingsFile.write(embeddingsFile, embedded);
            }
        }
        List<ClusteringBenchmark.LabelledFace> faces = new ArrayList<>();
        people.forEach((person, files) -> files.forEach(file -> {
            float[] e = embedded.get(folder.relativize(file).toString());
            if (e != null) {
                faces.add(new ClusteringBenchmark.LabelledFace(person, e));
            }
        }));
        return faces;
    }

    /** A line on stderr every 500 images. */
    static IntConsumer progress() {
        return done -> {
            if (done % 500 == 0) {
                System.err.printf("  %d images embedded%n", done);
            }
        };
    }
}
