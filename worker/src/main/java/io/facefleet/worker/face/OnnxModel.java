package io.facefleet.worker.face;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.facefleet.common.pack.ModelPackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One ONNX model loaded once per process on the chosen execution provider, at the graph optimisation level the
 * {@link SessionTuner} picks. {@link OrtSession#run} is thread-safe, so a single instance serves every thread.
 */
final class OnnxModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnnxModel.class);

    private final Path file;
    private final OrtSession session;
    private final OptimisationChoice optimisation;
    private final String inputName;
    private final long[] inputShape;
    private final List<String> outputNames;
    private final List<long[]> outputShapes;

    /**
     * @param sampleHeight height of the images the model really runs on, for the dimensions its input leaves free
     *                     (the detector's letterbox); tuning times the model on an input of that size
     */
    OnnxModel(Path file, ExecutionProvider provider, int intraOpThreads, SessionTuner tuner,
              int sampleHeight, int sampleWidth) {
        this.file = file;
        try {
            SessionTuner.TunedSession tuned = tuner.open(new OrtSessions(file, provider, intraOpThreads),
                    sampleHeight + "x" + sampleWidth, session -> runOnSample(session, sampleHeight, sampleWidth));
            this.session = tuned.session();
            this.optimisation = tuned.choice();
            Map.Entry<String, NodeInfo> input;
            try {
                input = theInput(session);
            } catch (ModelPackException e) {
                session.close();
                throw e;
            }
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
        log.info("{}: {}", file.getFileName(), optimisation.describe());
    }

    private Map.Entry<String, NodeInfo> theInput(OrtSession candidate) throws OrtException {
        if (candidate.getInputInfo().size() != 1) {
            throw unfit("it has " + candidate.getInputInfo().size() + " inputs; one image tensor is expected");
        }
        return candidate.getInputInfo().entrySet().iterator().next();
    }

    /** One run on a fixed pseudo-random input of the shape the engine feeds this model. */
    private void runOnSample(OrtSession candidate, int height, int width) throws OrtException {
        Map.Entry<String, NodeInfo> input = theInput(candidate);
        long[] shape = sampleShape(shapeOf(input.getValue()), height, width);
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        FloatBuffer data = FloatBuffer.allocate(Math.toIntExact(count));
        Random random = new Random(42);
        while (data.hasRemaining()) {
            data.put(random.nextFloat() * 2 - 1);
        }
        data.flip();
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), data, shape);
             OrtSession.Result ignored = candidate.run(Map.of(input.getKey(), tensor))) {
            // only the time matters
        }
    }

    /** The declared NCHW shape with its free dimensions filled: one image, 3 channels, the given size. */
    private static long[] sampleShape(long[] declared, int height, int width) {
        long[] shape = declared.clone();
        long[] fill = {1, 3, height, width};
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                shape[i] = shape.length == fill.length ? fill[i] : 1;
            }
        }
        return shape;
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

    OptimisationChoice optimisation() {
        return optimisation;
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
