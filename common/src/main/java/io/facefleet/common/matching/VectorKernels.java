package io.facefleet.common.matching;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import static io.facefleet.common.matching.BinaryCodes.BLOCK;

/**
 * {@link Kernels} with the Vector API, in the widest vectors the CPU has (with AVX-512, one word of a block's 8 codes
 * a vector). Loaded only where the JVM has the incubator module and vectors of 256 bits or more
 * ({@link Kernels.Chosen}).
 */
final class VectorKernels implements Kernels {

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** As many ints as {@link #LONGS} has longs. */
    private static final VectorSpecies<Integer> HALF_INTS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(LONGS.vectorBitSize() / 2));
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    /** Half as wide: its bytes widen to one vector of shorts. */
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(SHORTS.vectorBitSize() / 2));

    VectorKernels() {
        if (LONGS.vectorBitSize() < 256 || BLOCK % LONGS.length() != 0) {
            throw new UnsupportedOperationException("vectors of " + LONGS.vectorBitSize() + " bits");
        }
    }

    @Override
    public void codeScores(long[] codes, int words, int blocks, long[] planes, int[] scores) {
        int lanes = LONGS.length();
        for (int b = 0; b < blocks; b++) {
            int block = b * words * BLOCK;
            for (int part = 0; part < BLOCK; part += lanes) {
                // lane j: code (b * BLOCK + part + j), its words one after another
                LongVector sum = LongVector.zero(LONGS);
                for (int w = 0; w < words; w++) {
                    LongVector c = LongVector.fromArray(LONGS, codes, block + w * BLOCK + part);
                    sum = sum.add(bits(c.and(planes[w])))
                            .add(bits(c.and(planes[words + w])).lanewise(VectorOperators.LSHL, 1))
                            .add(bits(c.and(planes[2 * words + w])).lanewise(VectorOperators.LSHL, 2))
                            .sub(bits(c.and(planes[3 * words + w])).lanewise(VectorOperators.LSHL, 3));
                }
                sum.convertShape(VectorOperators.L2I, HALF_INTS, 0).reinterpretAsInts()
                        .intoArray(scores, b * BLOCK + part);
            }
        }
    }

    private static LongVector bits(LongVector v) {
        return v.lanewise(VectorOperators.BIT_COUNT);
    }

    @Override
    public int dot(byte[] values, int offset, byte[] probe) {
        int step = BYTES.length();
        int length = probe.length - probe.length % step;
        IntVector sum = IntVector.zero(INTS);
        for (int i = 0; i < length; i += step) {
            // a product of two bytes fits in a short; the sum of many needs an int
            ShortVector a = (ShortVector) ByteVector.fromArray(BYTES, values, offset + i)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector b = (ShortVector) ByteVector.fromArray(BYTES, probe, i)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector product = a.mul(b);
            sum = sum.add(product.convertShape(VectorOperators.S2I, INTS, 0))
                    .add(product.convertShape(VectorOperators.S2I, INTS, 1));
        }
        int dot = sum.reduceLanes(VectorOperators.ADD);
        for (int i = length; i < probe.length; i++) {
            dot += values[offset + i] * probe[i];
        }
        return dot;
    }
}
