package io.facefleet.worker.cli;

import ai.onnxruntime.OrtProvider;

import java.util.EnumSet;

/**
 * How many jobs a worker runs at once, and how many ONNX Runtime threads each gets, from the hardware. On a GPU a
 * job spends nearly all its time seeking and decoding frames on one CPU core (docs/scaling.md: 0.07–0.25 core-s a
 * sampled frame against well under 1 ms of GPU time), so there are as many jobs as half the cores, at least two,
 * sharing the device; on a CPU the cores are shared out so that jobs times threads equals the cores, with at most
 * four threads a job (small models stop scaling beyond that).
 */
record WorkerSizing(int jobs, int intraOpThreads) {

    static WorkerSizing forHardware(EnumSet<OrtProvider> providers, int cores) {
        boolean gpu = providers.contains(OrtProvider.CUDA) || providers.contains(OrtProvider.ROCM)
                || providers.contains(OrtProvider.MI_GRAPH_X);
        if (gpu) {
            return new WorkerSizing(Math.max(2, cores / 2), 2);
        }
        int jobs = Math.max(1, (cores + 3) / 4);
        return new WorkerSizing(jobs, Math.max(1, cores / jobs));
    }
}
