package io.facefleet.common.matching;

import static io.facefleet.common.matching.BinaryCodes.BLOCK;

/** {@link Kernels} in plain Java. */
final class PlainKernels implements Kernels {

    @Override
    public void codeScores(long[] codes, int words, int blocks, long[] planes, int[] scores) {
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < BLOCK; j++) {
                int score = 0;
                for (int w = 0; w < words; w++) {
                    long c = codes[(b * words + w) * BLOCK + j];
                    score += Long.bitCount(c & planes[w]) + 2 * Long.bitCount(c & planes[words + w])
                            + 4 * Long.bitCount(c & planes[2 * words + w])
                            - 8 * Long.bitCount(c & planes[3 * words + w]);
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
