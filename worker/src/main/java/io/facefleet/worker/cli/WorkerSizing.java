package io.facefleet.worker.cli;

import ai.onnxruntime.OrtProvider;

import java.util.EnumSet;

/**
 * How many jobs a worker runs at once, and how many ONNX Runtime threads each gets, from the hardware: on a GPU
 * two jobs keep the device busy while one of them decodes frames; on a CPU the cores are shared out so that jobs
 * times threads equals the cores, with at most four threads a job (small models stop scaling beyond that).
 */
record WorkerSizing(int jobs, int intraOpThreads) {

    static WorkerSizing forHardware(EnumSet<OrtProvider> providers, int cores) {
        boolean gpu = providers.contains(OrtProvider.CUDA) || providers.contains(OrtProvider.ROCM)
                || providers.contains(OrtProvider.MI_GRAPH_X);
        if (gpu) {
            return new WorkerSizing(2, Math.max(1, Math.min(4, cores / 2)));
        }
        int jobs = Math.max(1, (cores + 3) / 4);
        return new WorkerSizing(jobs, Math.max(1, cores / jobs));
    }
}
