package io.facefleet.worker.cli;

import io.facefleet.common.Fixtures;
import io.facefleet.worker.eval.Rank1Identification;
import io.facefleet.worker.face.FaceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "photos", mixinStandardHelpOptions = true,
        description = "Rank-1 identification over a folder with one sub-folder per person: each photo searched"
                + " against all the others, correct when its nearest neighbour is the same person.")
final class EvalPhotosCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--photos", paramLabel = "DIR", description = "Default: facedata/photos.")
    Path photos;

    @Override
    public Integer call() {
        Path folder = photos != null ? photos : Fixtures.locate().facedata("photos");
        try (FaceEngine engine = engineOptions.openEngine()) {
            Rank1Identification.Report r = new Rank1Identification(engine, engineOptions.decoder()).run(folder);
            System.out.printf("Rank-1 identification, pack %s: %.2f%% (%d of %d probes)%n", engine.pack().name(),
                    100 * r.rank1(), r.correct(), r.probes());
            System.out.printf("  %d photos, %d without a detected face%n", r.photos(), r.noFace().size());
            r.noFace().forEach(p -> System.out.println("    no face: " + folder.relativize(p)));
            r.mistakes().forEach(m -> System.out.printf("    mistaken: %s -> %s (%.3f)%n",
                    folder.relativize(m.a().file()), folder.relativize(m.b().file()), m.similarity()));
            print("closest different people", r.closestDifferentPeople(), folder);
            print("least similar same person", r.leastSimilarSamePerson(), folder);
        }
        return 0;
    }

    private static void print(String label, Rank1Identification.Pair pair, Path folder) {
        if (pair != null) {
            System.out.printf("  %-26s %.3f  %s vs %s%n", label, pair.similarity(),
                    folder.relativize(pair.a().file()), folder.relativize(pair.b().file()));
        }
    }
}
