package io.facefleet.worker.video;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The sampling thread's CPU and wall time, less what the consumer of the frames spent on them (it runs on the same
 * thread: the worker detects faces in a batch from inside it).
 */
final class ConsumerClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long startCpu = THREADS.getCurrentThreadCpuTime();
    private final long startWall = System.nanoTime();
    private long consumerCpu;
    private long consumerWall;

    void time(Runnable consumer) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        try {
            consumer.run();
        } finally {
            consumerCpu += THREADS.getCurrentThreadCpuTime() - cpu;
            consumerWall += System.nanoTime() - wall;
        }
    }

    double samplerCpuSeconds() {
        return (THREADS.getCurrentThreadCpuTime() - startCpu - consumerCpu) / 1e9;
    }

    double samplerWallSeconds() {
        return (System.nanoTime() - startWall - consumerWall) / 1e9;
    }
}
