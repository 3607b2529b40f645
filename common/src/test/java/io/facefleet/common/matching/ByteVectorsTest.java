package io.facefleet.common.matching;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static io.facefleet.common.matching.TestVectors.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ByteVectorsTest {

    private final Random random = new Random(5);

    @Test
    void similaritiesFollowTheCosineWithinAFewThousandths() {
        float[][] embeddings = new float[200][];
        ByteVectors.Builder builder = new ByteVectors.Builder();
        float[] probe = gaussian(512, 1);
        for (int i = 0; i < embeddings.length; i++) {
            // a spread of similarities to the probe, from strangers to the same face, at any length
            embeddings[i] = plus(probe, gaussian(512, 1), i / 50f, 1 + i % 7);
            builder.add(embeddings[i]);
        }
        ByteVectors vectors = builder.build();
        byte[] bytes = ByteVectors.probe(probe);
        // the probe's own scale is left out of similarity(): its cosine to itself gives it
        float probeScale = (float) (1 / cosineUnscaled(bytes));

        for (int i = 0; i < embeddings.length; i++) {
            assertThat(vectors.similarity(i, bytes) * probeScale).as("vector %d", i)
                    .isCloseTo((float) cosine(probe, embeddings[i]), within(0.005f));
        }
    }

    @Test
    void vectorsAddedInPlaceLeaveEveryEarlierViewAsItWas() {
        float[][] embeddings = new float[60][];
        Arrays.setAll(embeddings, i -> gaussian(512, 1));
        ByteVectors read = vectors(embeddings, 0, 40);
        ByteVectors merged = read.plus(vectors(embeddings, 40, 45));
        ByteVectors mergedAgain = merged.plus(vectors(embeddings, 45, 48)); // in place
        ByteVectors branched = merged.plus(vectors(embeddings, 48, 51)); // copied: merged is no longer the newest
        byte[] probe = ByteVectors.probe(gaussian(512, 1));

        assertThat(read.size()).isEqualTo(40);
        assertThat(merged.size()).isEqualTo(45);
        assertThat(mergedAgain.size()).isEqualTo(48);
        assertThat(branched.size()).isEqualTo(48);
        ByteVectors together = vectors(embeddings, 0, 60);
        for (int i = 0; i < 48; i++) {
            float expected = together.similarity(i < 45 ? i : i + 3, probe);
            assertThat(branched.similarity(i, probe)).as("branched %d", i).isEqualTo(expected);
            assertThat(mergedAgain.similarity(i, probe)).as("merged again %d", i)
                    .isEqualTo(together.similarity(i, probe));
        }
    }

    private static ByteVectors vectors(float[][] embeddings, int from, int to) {
        ByteVectors.Builder builder = new ByteVectors.Builder();
        for (int i = from; i < to; i++) {
            builder.add(embeddings[i]);
        }
        return builder.build();
    }

    private static double cosineUnscaled(byte[] bytes) {
        double dot = 0;
        for (byte b : bytes) {
            dot += b * b;
        }
        return Math.sqrt(dot);
    }

    private static float[] plus(float[] a, float[] b, float weightOfA, float length) {
        float[] v = new float[a.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (a[i] * weightOfA + b[i]) * length;
        }
        return v;
    }

    private float[] gaussian(int dimension, float scale) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian() * scale;
        }
        return v;
    }
}
