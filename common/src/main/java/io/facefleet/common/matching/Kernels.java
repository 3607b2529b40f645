package io.facefleet.common.matching;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arithmetic of the in-memory scans: every code scored against a probe's bit planes, and byte vectors' dot
 * products. The Vector API does it about three times faster where the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code facefleet} script, the Ansible roles and the images pass
 * it); elsewhere plain Java gives the same numbers.
 */
interface Kernels {

    /** The kernels of this JVM: the Vector API's where it can use them, plain Java's otherwise. */
    static Kernels best() {
        return Chosen.KERNELS;
    }

    /**
     * For each code of {@code blocks} blocks ({@link BinaryCodes#BLOCK} codes of {@code bytes} bytes, byte by byte),
     * the sum of its nibbles' entries in {@code nibbleSums} ({@link BinaryCodes#nibbleSums}: entry {@code 16 q + v}
     * for nibble {@code q} of value {@code v}, the low nibble of byte k being nibble 2k). {@code bytes} is even.
     */
    void codeScores(byte[] codes, int bytes, int blocks, byte[] nibbleSums, int[] scores);

    /** The dot product of {@code probe} with the {@code probe.length} bytes at {@code offset}. */
    int dot(byte[] values, int offset, byte[] probe);

    final class Chosen {

        private static final Logger log = LoggerFactory.getLogger(Kernels.class);
        static final Kernels KERNELS = choose();

        private Chosen() {
        }

        private static Kernels choose() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                log.info("Scanning templates in plain Java: start the JVM with --add-modules jdk.incubator.vector"
                        + " for the Vector API (about three times faster)");
                return new PlainKernels();
            }
            try {
                return (Kernels) Class.forName(Kernels.class.getPackageName() + ".VectorKernels")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
                log.info("Scanning templates in plain Java: the Vector API is not usable here ({})", e.toString());
                return new PlainKernels();
            }
        }
    }
}
