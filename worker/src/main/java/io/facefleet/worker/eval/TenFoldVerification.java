package io.facefleet.worker.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The LFW protocol: for each fold, the threshold that is most accurate on the other folds is applied to this
 * fold; the result is the mean and standard deviation of the per-fold accuracies.
 */
public final class TenFoldVerification {

    public record Scored(float similarity, boolean samePerson, int fold) {
    }

    public record Result(double meanAccuracy, double stdAccuracy, double meanThreshold, int folds,
                         double[] samePersonSimilarities, double[] differentPeopleSimilarities) {

        /** The similarity below which the given fraction of the sorted values lie. */
        public static double quantile(double[] sorted, double fraction) {
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
        }
    }

    private TenFoldVerification() {
    }

    public static Result evaluate(List<Scored> pairs) {
        int folds = pairs.stream().mapToInt(Scored::fold).max().orElse(-1) + 1;
        List<Double> accuracies = new ArrayList<>();
        double thresholdSum = 0;
        for (int fold = 0; fold < folds; fold++) {
            int test = fold;
            List<Scored> training = pairs.stream().filter(p -> p.fold() != test).toList();
            List<Scored> testing = pairs.stream().filter(p -> p.fold() == test).toList();
            float threshold = bestThreshold(training);
            thresholdSum += threshold;
            accuracies.add(accuracy(testing, threshold));
        }
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double variance = accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).average().orElse(Double.NaN);
        return new Result(mean, Math.sqrt(variance), thresholdSum / folds, folds, sortedSimilarities(pairs, true),
                sortedSimilarities(pairs, false));
    }

    private static double[] sortedSimilarities(List<Scored> pairs, boolean samePerson) {
        return pairs.stream().filter(p -> p.samePerson() == samePerson).mapToDouble(Scored::similarity).sorted().toArray();
    }

    /** The cosine threshold, on a grid of 0.001 from -1 to 1, that classifies these pairs best. */
    static float bestThreshold(List<Scored> pairs) {
        float best = 0;
        double bestAccuracy = -1;
        for (int step = -1000; step <= 1000; step++) {
            float threshold = step / 1000f;
            double accuracy = accuracy(pairs, threshold);
            if (accuracy > bestAccuracy) {
                bestAccuracy = accuracy;
                best = threshold;
            }
        }
        return best;
    }

    static double accuracy(List<Scored> pairs, float threshold) {
        long correct = pairs.stream().filter(p -> (p.similarity() >= threshold) == p.samePerson()).count();
        return (double) correct / pairs.size();
    }
}
