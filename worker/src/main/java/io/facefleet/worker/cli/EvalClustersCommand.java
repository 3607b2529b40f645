package io.facefleet.worker.cli;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.people.ClusteringSettings;
import io.facefleet.worker.eval.ClusteringBenchmark;
import io.facefleet.worker.face.FaceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = {"How well the unknown people are grouped: the LFW people with at least --min-images images,"
                + " each face an unmatched face track in a database of its own (FACEFLEET_DB_*; made and dropped),"
                + " clustered a \"video\" of --batch faces at a time through the track codes as the workers do.",
                "Prints pairwise precision and recall, people split over several clusters, clusters mixing people,"
                + " for each --max-distance given."})
final class EvalClustersCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    LfwOptions lfwOptions;

    @Option(names = "--min-images", paramLabel = "N", description = "People with at least N images. Default: 4.")
    int minImages = 4;

    @Option(names = "--every", paramLabel = "K", description = "Every K-th of those people (a subset). Default: 1.")
    int every = 1;

    @Option(names = "--min-faces", paramLabel = "N", description = "A cluster's least faces. Default: "
            + ClusteringSettings.DEFAULT_MIN_FACES + ".")
    int minFaces = ClusteringSettings.DEFAULT_MIN_FACES;

    @Option(names = "--max-distance", paramLabel = "D", split = ",",
            description = "Cosine distances to try, e.g. 0.4,0.5,0.6. Default: " + ClusteringSettings.DEFAULT_MAX_DISTANCE + ".")
    List<Float> maxDistances = List.of(ClusteringSettings.DEFAULT_MAX_DISTANCE);

    @Option(names = "--batch", paramLabel = "N", description = "Faces per \"video\". Default: 25.")
    int batch = 25;

    @Option(names = "--seed", paramLabel = "N", description = "The shuffle's seed. Default: 1.")
    long seed = 1;

    @Option(names = "--embeddings", paramLabel = "FILE",
            description = "Keep the embeddings in FILE (read when it exists, else written): another run with other"
                    + " settings skips embedding. One file per pack.")
    Path embeddingsFile;

    @Override
    public Integer call() {
        Path folder = lfwOptions.folder();
        Map<String, List<Path>> people = ClusteringBenchmark.people(folder.resolve("images"), minImages, every);
        List<Path> images = people.values().stream().flatMap(List::stream).toList();
        System.out.printf("Clustering LFW: %d people with >= %d images, %d images%n", people.size(), minImages,
                images.size());
        try (FaceEngine engine = lfwOptions.openEngine(engineOptions)) {
            List<ClusteringBenchmark.LabelledFace> faces = lfwOptions.labelledFaces(engine, engineOptions, people,
                    embeddingsFile);
            System.out.printf("pack %s: %d faces embedded (%d images without a face); %d faces per video, seed %d%n",
                    engine.pack().name(), faces.size(), images.size() - faces.size(), batch, seed);
            for (float maxDistance : maxDistances) {
                ClusteringSettings settings = new ClusteringSettings(minFaces, maxDistance,
                        ClusteringSettings.DEFAULT_MIN_DET_SCORE,
                        ClusteringSettings.DEFAULT_NEIGHBOURS);
                System.out.println("  " + ClusteringBenchmark.run(faces, settings, engine.pack(),
                        DatabaseSettings.fromEnvironment(), batch, seed).line());
            }
        }
        return 0;
    }
}
