package io.facefleet.worker.eval;

import io.facefleet.common.matching.BinaryCodes;
import io.facefleet.worker.face.Embeddings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Matching by binary codes ({@code CreatorGallery}) on real embeddings: each face in turn is the probe and every
 * other face an enrolled face of its person. A probe counts where the exact nearest other face is within the match
 * threshold; it is wrong for k candidates where the nearest of the k codes that score best against it, compared
 * exactly, is another person's face or below the threshold.
 */
public final class CodeMatchingBenchmark {

    private CodeMatchingBenchmark() {
    }

    public record Report(int faces, int probes, List<Integer> candidates, List<Integer> wrong, int medianRank,
                         int rank999, int worstRank) {

        public String line() {
            StringBuilder wrongs = new StringBuilder();
            for (int i = 0; i < candidates.size(); i++) {
                wrongs.append(String.format(Locale.ROOT, "%s%d candidates: %d", i == 0 ? "" : ", ", candidates.get(i),
                        wrong.get(i)));
            }
            return String.format(Locale.ROOT, "%,d faces, %,d probes with an exact nearest face within the match"
                            + " threshold; creator wrong with %s; the exact nearest face's rank by its code: median %d,"
                            + " 99.9th percentile %d, worst %d", faces, probes, wrongs, medianRank, rank999,
                    worstRank);
        }
    }

    public static Report run(List<ClusteringBenchmark.LabelledFace> faces, float matchThreshold,
                             List<Integer> candidates) {
        int n = faces.size();
        float[][] unit = faces.stream().map(f -> Embeddings.l2Normalised(f.embedding())).toArray(float[][]::new);
        BinaryCodes.Builder builder = new BinaryCodes.Builder();
        for (int i = 0; i < n; i++) {
            builder.add(i, unit[i]);
        }
        BinaryCodes codes = builder.build();
        int[] wrong = new int[candidates.size()];
        List<Integer> ranks = new ArrayList<>();
        int probes = 0;
        for (int i = 0; i < n; i++) {
            double[] similarity = new double[n];
            int exact = -1;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    similarity[j] = Embeddings.cosine(unit[i], unit[j]);
                    if (exact < 0 || similarity[j] > similarity[exact]) {
                        exact = j;
                    }
                }
            }
            if (exact < 0 || similarity[exact] < matchThreshold) {
                continue;
            }
            probes++;
            int probe = i;
            List<Integer> byCode = Arrays.stream(codes.ranked(unit[i])).mapToInt(id -> (int) id)
                    .filter(j -> j != probe).boxed().toList();
            ranks.add(byCode.indexOf(exact));
            for (int c = 0; c < candidates.size(); c++) {
                int best = -1;
                for (int j : byCode.subList(0, Math.min(candidates.get(c), byCode.size()))) {
                    if (best < 0 || similarity[j] > similarity[best]) {
                        best = j;
                    }
                }
                if (!faces.get(best).person().equals(faces.get(exact).person())
                        || similarity[best] < matchThreshold) {
                    wrong[c]++;
                }
            }
        }
        List<Integer> sorted = ranks.stream().sorted().collect(Collectors.toList());
        int m = sorted.size();
        return new Report(n, probes, candidates, Arrays.stream(wrong).boxed().toList(),
                m == 0 ? 0 : sorted.get(m / 2), m == 0 ? 0 : sorted.get((int) Math.min(m - 1, Math.floor(m * 0.999))),
                m == 0 ? 0 : sorted.get(m - 1));
    }
}
