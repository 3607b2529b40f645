package io.facefleet.worker.cli;

import ai.onnxruntime.OrtProvider;

import java.util.EnumSet;

/**
 * How many jobs a worker runs at once, and how many ONNX Runtime threads each gets, from the hardware. On a GPU a
 * job spends nearly all its time decoding frames on one CPU core (docs/scaling.md), so there are as many jobs as
 * half the cores, at least two, sharing the device; on a CPU the cores are shared out so that jobs times threads
 * equals the cores, with at most four threads a job (small models stop scaling beyond that).
 */
record WorkerSizing(int jobs, int intraOpThreads) {

    static WorkerSizing forHardware(EnumSet<OrtProvider> providers, int cores) {
        return forHardware(providers, cores, null);
    }

    /** @param jobs the jobs asked for, or null to size them from the hardware too */
    static WorkerSizing forHardware(EnumSet<OrtProvider> providers, int cores, Integer jobs) {
        boolean gpu = providers.contains(OrtProvider.CUDA) || providers.contains(OrtProvider.ROCM)
                || providers.contains(OrtProvider.MI_GRAPH_X);
        if (jobs != null) {
            if (jobs < 1) {
                throw new IllegalArgumentException("--jobs must be at least 1, not " + jobs);
            }
            return new WorkerSizing(jobs, Math.max(1, gpu ? 2 : cores / jobs));
        }
        if (gpu) {
            return new WorkerSizing(Math.max(2, cores / 2), 2);
        }
        int sized = Math.max(1, (cores + 3) / 4);
        return new WorkerSizing(sized, Math.max(1, cores / sized));
    }
}
