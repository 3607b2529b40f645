package io.facefleet.common.matching;

import jdk.incubator.vector.LongVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KernelsTest {

    private final Random random = new Random(11);

    @Test
    void theTestsRunWithTheVectorApiAsTheFacefleetScriptDoes() {
        assumeTrue(LongVector.SPECIES_PREFERRED.vectorBitSize() >= 256, "a CPU with 256-bit vectors");
        assertThat(Kernels.best()).isInstanceOf(VectorKernels.class);
    }

    @Test
    void theVectorApiGivesTheNumbersOfPlainJava() {
        assumeTrue(LongVector.SPECIES_PREFERRED.vectorBitSize() >= 256, "a CPU with 256-bit vectors");
        Kernels vector = new VectorKernels();
        Kernels plain = new PlainKernels();
        for (int words : new int[]{8, 16, 2, 3}) { // 512 and 1,024 bits, and shorter codes
            long[] codes = random.longs(13L * BinaryCodes.BLOCK * words).toArray();
            long[] planes = random.longs(4L * words).toArray();
            int[] byVector = new int[13 * BinaryCodes.BLOCK];
            int[] byPlain = new int[13 * BinaryCodes.BLOCK];
            vector.codeScores(codes, words, 13, planes, byVector);
            plain.codeScores(codes, words, 13, planes, byPlain);
            assertThat(byVector).as("%d words", words).containsExactly(byPlain);
        }
        for (int length : new int[]{512, 128, 100, 7}) {
            byte[] values = new byte[3 * length];
            byte[] probe = new byte[length];
            random.nextBytes(values);
            random.nextBytes(probe);
            for (int offset = 0; offset < values.length; offset += length) {
                assertThat(vector.dot(values, offset, probe)).as("%d bytes", length)
                        .isEqualTo(plain.dot(values, offset, probe));
            }
        }
    }
}
