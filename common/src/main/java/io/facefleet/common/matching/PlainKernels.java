package io.facefleet.common.matching;

import static io.facefleet.common.matching.BinaryCodes.BLOCK;
import static io.facefleet.common.matching.BinaryCodes.NIBBLES;

/** {@link Kernels} in plain Java. */
final class PlainKernels implements Kernels {

    @Override
    public void codeScores(byte[] codes, int bytes, int blocks, byte[] nibbleSums, int[] scores) {
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < BLOCK; j++) {
                int score = 0;
                for (int k = 0; k < bytes; k++) {
                    int c = codes[(b * bytes + k) * BLOCK + j];
                    score += nibbleSums[2 * k * NIBBLES + (c & 0x0F)]
                            + nibbleSums[(2 * k + 1) * NIBBLES + (c >> 4 & 0x0F)];
                }
                scores[b * BLOCK + j] = score;
            }
        }
    }

    @Override
    public int dot(byte[] values, int offset, byte[] probe) {
        int dot = 0;
        for (int i = 0; i < probe.length; i++) {
            dot += values[offset + i] * probe[i];
        }
        return dot;
    }
}
