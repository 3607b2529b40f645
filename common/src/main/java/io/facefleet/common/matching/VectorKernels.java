package io.facefleet.common.matching;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import static io.facefleet.common.matching.BinaryCodes.BLOCK;
import static io.facefleet.common.matching.BinaryCodes.NIBBLES;

/**
 * {@link Kernels} with the Vector API. The codes' scores are table look-ups, 16 codes at a time: each byte of a
 * block's 16 codes splits into two nibbles, and one shuffle of 16 bytes ({@code pshufb}) looks all 16 up in that
 * nibble's 16 sums (a scan of 125,000 codes took 1.5 ms where 64-bit popcounts took 4.0 on a CPU without AVX-512;
 * docs/scaling.md, "Codes looked up by nibble"). Loaded only where the JVM has the incubator module and vectors of
 * 256 bits or more ({@link Kernels.Chosen}).
 */
final class VectorKernels implements Kernels {

    /** One byte of a block's codes; one nibble's 16 sums. */
    private static final VectorSpecies<Byte> CODE_BYTES = ByteVector.SPECIES_128;
    /** A block's 16 scores. */
    private static final VectorSpecies<Short> BLOCK_SCORES = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> EIGHT_INTS = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    /** Half as wide: its bytes widen to one vector of shorts. */
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(SHORTS.vectorBitSize() / 2));

    VectorKernels() {
        if (SHORTS.vectorBitSize() < 256 || BLOCK != CODE_BYTES.length()) {
            throw new UnsupportedOperationException("vectors of " + SHORTS.vectorBitSize() + " bits");
        }
    }

    @Override
    public void codeScores(byte[] codes, int bytes, int blocks, byte[] nibbleSums, int[] scores) {
        for (int b = 0; b < blocks; b++) {
            int block = b * bytes * BLOCK;
            ShortVector sum = ShortVector.zero(BLOCK_SCORES);
            for (int k = 0; k < bytes; k += 2) {
                // four nibbles' sums (each -32..28) fit in a byte: more would not
                ByteVector four = nibbleSums(codes, block + k * BLOCK, nibbleSums, 2 * k)
                        .add(nibbleSums(codes, block + (k + 1) * BLOCK, nibbleSums, 2 * k + 2));
                sum = sum.add(four.convertShape(VectorOperators.B2S, BLOCK_SCORES, 0));
            }
            sum.convertShape(VectorOperators.S2I, EIGHT_INTS, 0).reinterpretAsInts().intoArray(scores, b * BLOCK);
            sum.convertShape(VectorOperators.S2I, EIGHT_INTS, 1).reinterpretAsInts()
                    .intoArray(scores, b * BLOCK + BLOCK / 2);
        }
    }

    /** The sums of one byte's two nibbles (nibbles {@code nibble} and {@code nibble + 1}) for a block's 16 codes. */
    private static ByteVector nibbleSums(byte[] codes, int at, byte[] nibbleSums, int nibble) {
        ByteVector code = ByteVector.fromArray(CODE_BYTES, codes, at);
        ByteVector low = code.and((byte) 0x0F);
        // shifted as shorts: AVX2 has no shift of bytes, and the mask drops what comes over from the next byte
        ByteVector high = code.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                .and((byte) 0x0F);
        return low.selectFrom(ByteVector.fromArray(CODE_BYTES, nibbleSums, nibble * NIBBLES))
                .add(high.selectFrom(ByteVector.fromArray(CODE_BYTES, nibbleSums, (nibble + 1) * NIBBLES)));
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
