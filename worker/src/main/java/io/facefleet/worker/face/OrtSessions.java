package io.facefleet.worker.face;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtEpDevice;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Creates ONNX Runtime sessions of one model file on one execution provider. */
final class OrtSessions {

    private final Path file;
    private final ExecutionProvider provider;
    private final int intraOpThreads;

    OrtSessions(Path file, ExecutionProvider provider, int intraOpThreads) {
        this.file = file;
        this.provider = provider;
        this.intraOpThreads = intraOpThreads;
    }

    Path file() {
        return file;
    }

    ExecutionProvider provider() {
        return provider;
    }

    int intraOpThreads() {
        return intraOpThreads;
    }

    OrtSession create(OptLevel level) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(level);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            switch (provider) {
                case ROCM -> options.addROCM();
                case MIGRAPHX -> addMiGraphX(env, options);
                case CUDA -> options.addCUDA();
                case CPU -> options.addCPU(true);
            }
            return createOnOwnStack(env, options);
        }
    }

    /**
     * Loading a model needs more native stack than a main thread launched with a long command line has left
     * (seen as a segfault with a 5,000-character java command), so it happens on a thread with a stack of its own.
     */
    private OrtSession createOnOwnStack(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException {
        OrtSession[] created = new OrtSession[1];
        OrtException[] failed = new OrtException[1];
        Thread loader = new Thread(null, () -> {
            try {
                created[0] = env.createSession(file.toString(), options);
            } catch (OrtException e) {
                failed[0] = e;
            }
        }, "onnx-model-loader", 64L * 1024 * 1024);
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading " + file, e);
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return created[0];
    }

    /** ONNX Runtime's Java API has no addMIGraphX(); the build's MIGraphX devices are appended by name instead. */
    private static void addMiGraphX(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException {
        List<OrtEpDevice> devices = env.getEpDevices().stream()
                .filter(device -> device.getEpName().toLowerCase(Locale.ROOT).contains("migraphx"))
                .toList();
        if (devices.isEmpty()) {
            throw new OrtException("this ONNX Runtime build lists no MIGraphX device");
        }
        options.addExecutionProvider(devices, Map.of());
    }
}
