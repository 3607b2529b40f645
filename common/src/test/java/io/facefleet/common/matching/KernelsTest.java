package io.facefleet.common.matching;

import jdk.incubator.vector.ShortVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KernelsTest {

    private final Random random = new Random(11);

    @Test
    void theTestsRunWithTheVectorApiAsTheFacefleetScriptDoes() {
        assumeTrue(ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 256, "a CPU with 256-bit vectors");
        assertThat(Kernels.best()).isInstanceOf(VectorKernels.class);
    }

    @Test
    void theVectorApiGivesTheNumbersOfPlainJava() {
        assumeTrue(ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 256, "a CPU with 256-bit vectors");
        Kernels vector = new VectorKernels();
        Kernels plain = new PlainKernels();
        for (int bytes : new int[]{64, 128, 16, 2}) { // 512 and 1,024 bits, and shorter codes
            byte[] codes = new byte[13 * BinaryCodes.BLOCK * bytes];
            random.nextBytes(codes);
            byte[] nibbleSums = new byte[2 * bytes * BinaryCodes.NIBBLES];
            for (int i = 0; i < nibbleSums.length; i++) {
                nibbleSums[i] = (byte) (random.nextInt(61) - 32); // -32..28, as 4 levels of -8..7 sum
            }
            int[] byVector = new int[13 * BinaryCodes.BLOCK];
            int[] byPlain = new int[13 * BinaryCodes.BLOCK];
            vector.codeScores(codes, bytes, 13, nibbleSums, byVector);
            plain.codeScores(codes, bytes, 13, nibbleSums, byPlain);
            assertThat(byVector).as("%d bytes", bytes).containsExactly(byPlain);
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
