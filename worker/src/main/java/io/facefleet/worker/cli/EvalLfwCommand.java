package io.facefleet.worker.cli;

import io.facefleet.worker.eval.LfwBenchmark;
import io.facefleet.worker.eval.LfwPairs;
import io.facefleet.worker.eval.TenFoldVerification;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "lfw", mixinStandardHelpOptions = true,
        description = {"The standard LFW verification benchmark: 6000 pairs, 10 folds, the threshold of each fold"
                + " chosen on the other nine. Prints accuracy, detection misses and milliseconds per image by stage.",
                "Each image is processed by one thread; --parallel images run at once."})
final class EvalLfwCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    LfwOptions lfwOptions;

    @Option(names = "--folds", paramLabel = "N", description = "Only the first N of the ten folds (600 pairs each),"
            + " each fold's threshold chosen on the others of them: quicker, not the standard figure. Default: 10.")
    int folds = LfwPairs.FOLDS;

    @Override
    public Integer call() {
        Path folder = lfwOptions.folder();
        try (FaceEngine engine = lfwOptions.openEngine(engineOptions)) {
            LfwBenchmark.Report r = lfwOptions.benchmark(engine, engineOptions).run(folder, folds,
                    LfwOptions.progress());
            System.out.printf("LFW verification, pack %s on %s (%d pairs, %d folds, no flip)%n",
                    r.pack(), r.executionProvider(), r.pairs(), r.verification().folds());
            System.out.printf("  accuracy          %.2f%% ± %.2f%%%n",
                    100 * r.verification().meanAccuracy(), 100 * r.verification().stdAccuracy());
            System.out.printf("  threshold         %.3f (mean of the folds' best)%n", r.verification().meanThreshold());
            double[] same = r.verification().samePersonSimilarities();
            double[] different = r.verification().differentPeopleSimilarities();
            System.out.printf("  same person       similarity min %.3f, 1%% %.3f, 10%% %.3f, median %.3f%n", same[0],
                    TenFoldVerification.Result.quantile(same, 0.01), TenFoldVerification.Result.quantile(same, 0.1),
                    TenFoldVerification.Result.quantile(same, 0.5));
            System.out.printf("  different people  similarity median %.3f, 99.9%% %.3f, max %.3f%n",
                    TenFoldVerification.Result.quantile(different, 0.5),
                    TenFoldVerification.Result.quantile(different, 0.999), different[different.length - 1]);
            System.out.printf("  detection misses  %d of %d images (score < %.2f); %d still without a face when retried%n",
                    r.missed().size(), r.images(), engineOptions.settings().scoreThreshold(), r.unrecovered().size());
            r.missed().forEach(p -> System.out.println("                    " + folder.relativize(p)
                    + (r.unrecovered().contains(p) ? "  (no face at all)" : "")));
            System.out.printf("  ms per image      (summed over %d threads, 1 ONNX Runtime thread each)%n", r.threads());
            for (Stage stage : Stage.values()) {
                System.out.printf("    %-44s %7.2f%n", stage.label(), r.millisPerImage(stage));
            }
            System.out.printf("  throughput        %.1f images/s (%.0f s wall)%n", r.images() / r.wallSeconds(),
                    r.wallSeconds());
        }
        return 0;
    }
}
