package io.facefleet.worker.cli;

import io.facefleet.worker.eval.ClusteringBenchmark;
import io.facefleet.worker.eval.CodeMatchingBenchmark;
import io.facefleet.worker.face.FaceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "codes", mixinStandardHelpOptions = true,
        description = {"Matching by the enrolled faces' binary codes on real faces: the LFW people with at least"
                + " --min-images images; each face in turn is matched against all the others as enrolled faces.",
                "Prints, for each number of --candidates compared exactly, the faces whose creator differs from"
                + " the exact nearest one's, and where the exact nearest face ranks by its code."})
final class EvalCodesCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    LfwOptions lfwOptions;

    @Option(names = "--min-images", paramLabel = "N", description = "People with at least N images. Default: 2.")
    int minImages = 2;

    @Option(names = "--candidates", paramLabel = "K", split = ",",
            description = "Codes compared exactly, e.g. 16,64,256. Default: 16,64,256 (matching uses 64).")
    List<Integer> candidates = List.of(16, 64, 256);

    @Option(names = "--embeddings", paramLabel = "FILE",
            description = "Keep the embeddings in FILE (read when it exists, else written; the same file as"
                    + " eval clusters --embeddings with the same --min-images). One file per pack.")
    Path embeddingsFile;

    @Override
    public Integer call() {
        Map<String, List<Path>> people = ClusteringBenchmark.people(lfwOptions.folder().resolve("images"),
                minImages, 1);
        try (FaceEngine engine = lfwOptions.openEngine(engineOptions)) {
            List<ClusteringBenchmark.LabelledFace> faces = lfwOptions.labelledFaces(engine, engineOptions, people,
                    embeddingsFile);
            float threshold = engine.pack().manifest().thresholds().match();
            System.out.printf("pack %s, LFW people with >= %d images, match threshold %.2f%n", engine.pack().name(),
                    minImages, threshold);
            System.out.println("  " + CodeMatchingBenchmark.run(faces, threshold, candidates).line());
        }
        return 0;
    }
}
