package io.facefleet.worker.face;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtEpDevice;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.facefleet.common.pack.ModelPackException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One ONNX model loaded once per process on the chosen execution provider. {@link OrtSession#run} is
 * thread-safe, so a single instance serves every thread.
 */
final class OnnxModel implements AutoCloseable {

    private final Path file;
    private final OrtSession session;
    private final String inputName;
    private final long[] inputShape;
    private final List<String> outputNames;
    private final List<long[]> outputShapes;

    OnnxModel(Path file, ExecutionProvider provider, int intraOpThreads) {
        this.file = file;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            switch (provider) {
                case ROCM -> options.addROCM();
                case MIGRAPHX -> addMiGraphX(env, options);
                case CUDA -> options.addCUDA();
                case CPU -> options.addCPU(true);
            }
            this.session = createSession(env, file, options);
            if (session.getInputInfo().size() != 1) {
                throw unfit("it has " + session.getInputInfo().size() + " inputs; one image tensor is expected");
            }
            Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
            this.inputName = input.getKey();
            this.inputShape = shapeOf(input.getValue());
            this.outputNames = new ArrayList<>(session.getOutputNames());
            this.outputShapes = new ArrayList<>();
            for (NodeInfo info : session.getOutputInfo().values()) {
                outputShapes.add(shapeOf(info));
            }
        } catch (OrtException e) {
            throw new ModelPackException("ONNX Runtime cannot load " + file + " on " + provider + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loading a model needs more native stack than a main thread launched with a long command line has left
     * (seen as a segfault with a 5,000-character java command), so it happens on a thread with a stack of its own.
     */
    private static OrtSession createSession(OrtEnvironment env, Path file, OrtSession.SessionOptions options)
            throws OrtException {
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
                .filter(device -> device.getEpName().toLowerCase(java.util.Locale.ROOT).contains("migraphx"))
                .toList();
        if (devices.isEmpty()) {
            throw new OrtException("this ONNX Runtime build lists no MIGraphX device");
        }
        options.addExecutionProvider(devices, Map.of());
    }

    private long[] shapeOf(NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo tensor)) {
            throw unfit("'" + info.getName() + "' is not a tensor");
        }
        return tensor.getShape();
    }

    ModelPackException unfit(String reason) {
        return new ModelPackException("Model " + file + " does not fit its role: " + reason);
    }

    Path file() {
        return file;
    }

    long[] inputShape() {
        return inputShape;
    }

    List<long[]> outputShapes() {
        return outputShapes;
    }

    List<String> outputNames() {
        return outputNames;
    }

    /** Runs the model on one input; the caller closes the result. */
    OrtSession.Result run(OnnxTensor input, StageTimings timings, Stage stage) {
        long start = System.nanoTime();
        try {
            return session.run(Map.of(inputName, input));
        } catch (OrtException e) {
            throw new IllegalStateException("Running " + file.getFileName() + " failed: " + e.getMessage(), e);
        } finally {
            timings.add(stage, start);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
