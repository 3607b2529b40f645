package io.facefleet.worker.face;

import ai.onnxruntime.OrtProvider;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** The ONNX Runtime back-ends Facefleet uses, in the order it prefers them. */
public enum ExecutionProvider {
    ROCM(OrtProvider.ROCM),
    MIGRAPHX(OrtProvider.MI_GRAPH_X),
    CUDA(OrtProvider.CUDA),
    CPU(OrtProvider.CPU);

    private final OrtProvider ortProvider;

    ExecutionProvider(OrtProvider ortProvider) {
        this.ortProvider = ortProvider;
    }

    public OrtProvider ortProvider() {
        return ortProvider;
    }

    /**
     * The configured provider ({@code auto} or blank: the first of ROCm, MIGraphX, CUDA, CPU that this ONNX Runtime
     * build reports as available). A configured provider the build lacks is an error, not a silent fallback.
     */
    public static ExecutionProvider choose(String configured, EnumSet<OrtProvider> available) {
        if (configured == null || configured.isBlank() || configured.equalsIgnoreCase("auto")) {
            return List.of(values()).stream()
                    .filter(p -> available.contains(p.ortProvider))
                    .findFirst().orElse(CPU);
        }
        ExecutionProvider wanted;
        try {
            wanted = valueOf(configured.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown execution provider '" + configured
                    + "': use auto, rocm, migraphx, cuda or cpu");
        }
        if (wanted != CPU && !available.contains(wanted.ortProvider)) {
            throw new IllegalArgumentException("Execution provider " + wanted + " was asked for, but this ONNX Runtime build"
                    + " offers only " + available + ". Install the ONNX Runtime build for it, or use auto or cpu");
        }
        return wanted;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
