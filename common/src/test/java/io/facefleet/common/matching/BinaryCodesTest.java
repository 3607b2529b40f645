package io.facefleet.common.matching;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryCodesTest {

    private final Random random = new Random(3);

    @Test
    void theNearestCodesAreThoseOfTheSmallestHammingDistances() {
        float[][] embeddings = new float[500][];
        BinaryCodes.Builder builder = new BinaryCodes.Builder();
        for (int i = 0; i < embeddings.length; i++) {
            embeddings[i] = gaussian(512);
            builder.add(1000 + i, sent(embeddings[i]));
        }
        BinaryCodes codes = builder.build();
        float[] probe = gaussian(512);

        long[] nearest = codes.nearest(probe, 20);

        int[] distances = new int[embeddings.length];
        for (int i = 0; i < embeddings.length; i++) {
            distances[i] = hamming(probe, embeddings[i]);
        }
        int[] found = Arrays.stream(nearest).mapToInt(id -> distances[(int) id - 1000]).sorted().toArray();
        assertThat(found).containsExactly(Arrays.copyOf(Arrays.stream(distances).sorted().toArray(), 20));
    }

    @Test
    void aFaceFindsItsOwnCodeFirstAndFewCodesAreAllReturned() {
        float[][] embeddings = {gaussian(128), gaussian(128), gaussian(128)};
        BinaryCodes.Builder builder = new BinaryCodes.Builder();
        for (int i = 0; i < embeddings.length; i++) {
            builder.add(i, sent(embeddings[i]));
        }
        BinaryCodes codes = builder.build();

        assertThat(codes.nearest(embeddings[2], 1)).containsExactly(2L);
        assertThat(codes.nearest(embeddings[0], 10)).containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(BinaryCodes.empty().nearest(embeddings[0], 10)).isEmpty();
        assertThatThrownBy(() -> codes.nearest(gaussian(512), 1)).hasMessageContaining("512 dimensions");
    }

    @Test
    void rankedGivesEveryIdByDistanceAndAnEmbeddingGivesTheCodePostgresqlSends() {
        float[][] embeddings = new float[300][];
        BinaryCodes.Builder sentBuilder = new BinaryCodes.Builder();
        BinaryCodes.Builder ownBuilder = new BinaryCodes.Builder();
        for (int i = 0; i < embeddings.length; i++) {
            embeddings[i] = gaussian(512);
            sentBuilder.add(i, sent(embeddings[i]));
            ownBuilder.add(i, embeddings[i]);
        }
        float[] probe = gaussian(512);

        long[] ranked = sentBuilder.build().ranked(probe);

        assertThat(ranked).hasSize(300).doesNotHaveDuplicates();
        int[] distances = Arrays.stream(ranked).mapToInt(id -> hamming(probe, embeddings[(int) id])).toArray();
        assertThat(distances).isSorted();
        assertThat(ownBuilder.build().ranked(probe)).containsExactly(ranked);
    }

    /** What PostgreSQL's varbit_send(binary_quantize(e)) gives: the bit count, then the bits, first bit highest. */
    private static byte[] sent(float[] embedding) {
        ByteBuffer bytes = ByteBuffer.allocate(4 + (embedding.length + 7) / 8).putInt(embedding.length);
        for (int i = 0; i < embedding.length; i++) {
            if (embedding[i] > 0) {
                bytes.put(4 + i / 8, (byte) (bytes.get(4 + i / 8) | 0x80 >>> (i % 8)));
            }
        }
        return bytes.array();
    }

    private static int hamming(float[] a, float[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            if ((a[i] > 0) != (b[i] > 0)) {
                d++;
            }
        }
        return d;
    }

    private float[] gaussian(int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
