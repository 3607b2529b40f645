package io.facefleet.worker.face;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.facefleet.common.pack.RecognizerSpec;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ArcFace-style recognizer: aligned 112×112 faces in, L2-normalised embeddings out, batched when the model allows. */
final class ArcFaceEmbedder implements AutoCloseable {

    private final OnnxModel model;
    private final RecognizerSpec spec;
    private final boolean dynamicBatch;

    ArcFaceEmbedder(Path file, RecognizerSpec spec, ExecutionProvider provider, EngineSettings settings,
                    SessionTuner tuner) {
        this.model = new OnnxModel(file, provider, settings.intraOpThreads(), tuner, spec.inputSize(), spec.inputSize());
        this.spec = spec;
        long[] input = model.inputShape();
        boolean fits = input.length == 4 && (input[1] == 3 || input[1] == -1)
                && (input[2] == spec.inputSize() || input[2] == -1) && (input[3] == spec.inputSize() || input[3] == -1);
        if (!fits) {
            model.close();
            throw model.unfit("its input is " + Arrays.toString(input) + "; a recognizer takes [N, 3, 112, 112]");
        }
        this.dynamicBatch = input[0] < 0;
        checkEmbeddingDim();
    }

    /** Runs one blank face so that a model with the wrong output size is refused at start-up, naming the file. */
    private void checkEmbeddingDim() {
        int size = spec.inputSize();
        try (OnnxTensor blank = OnnxTensor.createTensor(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                FloatBuffer.allocate(3 * size * size), new long[]{1, 3, size, size});
             OrtSession.Result result = model.run(blank, StageTimings.NONE, Stage.RECOGNIZER_MODEL)) {
            long[] shape = ((OnnxTensor) result.get(0)).getInfo().getShape();
            long dim = shape[shape.length - 1];
            if (shape.length != 2 || dim != spec.embeddingDim()) {
                model.close();
                throw model.unfit("it outputs " + Arrays.toString(shape) + " but the pack declares "
                        + spec.embeddingDim() + "-d embeddings");
            }
        } catch (OrtException e) {
            model.close();
            throw model.unfit(e.getMessage());
        }
    }

    OptimisationChoice optimisation() {
        return model.optimisation();
    }

    boolean batches() {
        return dynamicBatch;
    }

    List<float[]> embed(List<Mat> alignedFaces, StageTimings timings) {
        if (alignedFaces.isEmpty()) {
            return List.of();
        }
        if (dynamicBatch) {
            return run(alignedFaces, timings);
        }
        List<float[]> embeddings = new ArrayList<>(alignedFaces.size());
        for (Mat face : alignedFaces) {
            embeddings.addAll(run(List.of(face), timings));
        }
        return embeddings;
    }

    private List<float[]> run(List<Mat> faces, StageTimings timings) {
        int size = spec.inputSize();
        try (Mat blob = Blobs.nchw(faces, size, size, spec.mean(), spec.std(), spec.channelOrder());
             OnnxTensor tensor = Blobs.tensor(blob, faces.size(), 3, size, size);
             OrtSession.Result result = model.run(tensor, timings, Stage.RECOGNIZER_MODEL)) {
            FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
            int dim = spec.embeddingDim();
            List<float[]> embeddings = new ArrayList<>(faces.size());
            for (int i = 0; i < faces.size(); i++) {
                float[] raw = new float[dim];
                output.get(i * dim, raw);
                embeddings.add(Embeddings.l2Normalised(raw));
            }
            return embeddings;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
