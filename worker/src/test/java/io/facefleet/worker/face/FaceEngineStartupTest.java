package io.facefleet.worker.face;

import io.facefleet.common.pack.ModelDirectories;
import io.facefleet.common.pack.ModelPackException;
import io.facefleet.common.pack.ModelPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model unfit for its role is refused when the engine opens, naming the file. */
class FaceEngineStartupTest {

    private static final Path MODELS = TestEngines.FIXTURES.models();

    private static FaceEngine open(Path folder) {
        return FaceEngine.open(new ModelPacks(new ModelDirectories(List.of(folder))).load(folder.toString()),
                TestEngines.settings());
    }

    private static void pack(Path folder, String detector, String recognizer, int dim) throws IOException {
        Files.copy(MODELS.resolve(detector), folder.resolve("det.onnx"));
        Files.copy(MODELS.resolve(recognizer), folder.resolve("rec.onnx"));
        Files.writeString(folder.resolve("pack.json"), """
                {"name":"custom",
                 "detector":{"file":"det.onnx","inputWidth":640,"inputHeight":640,"mean":127.5,"std":128,"channelOrder":"RGB"},
                 "recognizer":{"file":"rec.onnx","inputSize":112,"mean":127.5,"std":127.5,"channelOrder":"RGB",
                   "embeddingDim":%d},
                 "thresholds":{"verification":0.27,"match":0.3,"autoTag":0.45}}""".formatted(dim));
    }

    @Test
    void aRecognizerGivenAsTheDetectorIsRefused(@TempDir Path folder) throws IOException {
        pack(folder, "mobilefacenet/mobilefacenet.onnx", "mobilefacenet/mobilefacenet.onnx", 128);
        assertThatThrownBy(() -> open(folder))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining(folder.resolve("det.onnx").toString())
                .hasMessageContaining("does not fit its role");
    }

    @Test
    void aDetectorGivenAsTheRecognizerIsRefused(@TempDir Path folder) throws IOException {
        pack(folder, "buffalo_s/det_500m.onnx", "buffalo_s/det_500m.onnx", 512);
        assertThatThrownBy(() -> open(folder))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining(folder.resolve("rec.onnx").toString());
    }

    @Test
    void aWrongEmbeddingDimensionIsRefused(@TempDir Path folder) throws IOException {
        pack(folder, "buffalo_s/det_500m.onnx", "mobilefacenet/mobilefacenet.onnx", 512);
        assertThatThrownBy(() -> open(folder))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining(folder.resolve("rec.onnx").toString())
                .hasMessageContaining("declares 512-d");
    }

    @Test
    void anotherScrfdExportIsReadFromItsOutputShapesNotItsNames(@TempDir Path folder) throws IOException {
        // SCRFD-2.5GF names its outputs differently from SCRFD-500MF; the layout comes from the shapes.
        pack(folder, "scrfd/scrfd_2.5g.onnx", "mobilefacenet/mobilefacenet.onnx", 128);
        try (FaceEngine engine = open(folder)) {
            assertThat(TestEngines.faces(engine, "groups/fr_two_people.jpg")).hasSize(2);
        }
    }

    @Test
    void executionProviderPrefersRocmThenMigraphxThenCudaThenCpu() {
        var all = EnumSet.of(ai.onnxruntime.OrtProvider.CPU, ai.onnxruntime.OrtProvider.CUDA,
                ai.onnxruntime.OrtProvider.MI_GRAPH_X, ai.onnxruntime.OrtProvider.ROCM);
        assertThat(ExecutionProvider.choose("auto", all)).isEqualTo(ExecutionProvider.ROCM);
        all.remove(ai.onnxruntime.OrtProvider.ROCM);
        assertThat(ExecutionProvider.choose("", all)).isEqualTo(ExecutionProvider.MIGRAPHX);
        all.remove(ai.onnxruntime.OrtProvider.MI_GRAPH_X);
        assertThat(ExecutionProvider.choose(null, all)).isEqualTo(ExecutionProvider.CUDA);
        assertThat(ExecutionProvider.choose("auto", EnumSet.of(ai.onnxruntime.OrtProvider.CPU)))
                .isEqualTo(ExecutionProvider.CPU);
        assertThat(ExecutionProvider.choose("cpu", all)).isEqualTo(ExecutionProvider.CPU);
        assertThatThrownBy(() -> ExecutionProvider.choose("cuda", EnumSet.of(ai.onnxruntime.OrtProvider.CPU)))
                .hasMessageContaining("CUDA was asked for");
        assertThatThrownBy(() -> ExecutionProvider.choose("tpu", all)).hasMessageContaining("Unknown execution provider");
    }
}
