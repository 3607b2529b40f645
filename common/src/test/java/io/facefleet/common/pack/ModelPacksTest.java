package io.facefleet.common.pack;

import io.facefleet.common.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelPacksTest {

    private static final Path FIXTURE_MODELS = Fixtures.locate().models();

    @TempDir
    Path empty;

    private ModelPacks packsWith(Path... dirs) {
        return new ModelPacks(new ModelDirectories(List.of(dirs)));
    }

    @Test
    void devPacksLoadFromTheFixturesWithVerifiedHashes() {
        ModelPack pack = packsWith(empty, FIXTURE_MODELS).load("dev-512");
        assertThat(pack.embeddingDim()).isEqualTo(512);
        assertThat(pack.detectorFile()).isEqualTo(FIXTURE_MODELS.resolve("buffalo_s/det_500m.onnx"));
        assertThat(packsWith(FIXTURE_MODELS).load("dev-128").embeddingDim()).isEqualTo(128);
    }

    @Test
    void autoFallsBackToTheDevelopmentPackWhenBuffaloLIsNotDownloaded() {
        assertThat(packsWith(empty, FIXTURE_MODELS).load("auto").name()).isEqualTo("dev-512");
    }

    @Test
    void everyBuiltInManifestParses() {
        assertThat(ModelPacks.builtInNames()).containsExactly("buffalo_l", "buffalo_s", "dev-512", "dev-128");
        ModelPacks.builtInNames().forEach(name -> assertThat(ModelPacks.builtInManifest(name).name()).isEqualTo(name));
        assertThat(ModelPacks.builtInManifest("buffalo_l").licence()).contains("non-commercial");
    }

    @Test
    void aMissingFileIsNamedWithTheDownloadCommand() {
        assertThatThrownBy(() -> packsWith(empty).load("buffalo_l"))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("buffalo_l/det_10g.onnx")
                .hasMessageContaining("facefleet models download buffalo_l");
    }

    @Test
    void anUnknownPackListsTheKnownOnes() {
        assertThatThrownBy(() -> packsWith(FIXTURE_MODELS).load("buffalo_xl"))
                .hasMessageContaining("Unknown model pack 'buffalo_xl'")
                .hasMessageContaining("dev-512");
    }

    @Test
    void aFileWithTheWrongHashIsRefusedByName(@TempDir Path folder) throws IOException {
        Files.copy(FIXTURE_MODELS.resolve("buffalo_s/det_500m.onnx"), folder.resolve("det.onnx"));
        Path recognizer = folder.resolve("rec.onnx");
        Files.copy(FIXTURE_MODELS.resolve("mobilefacenet/mobilefacenet.onnx"), recognizer);
        Files.write(recognizer, new byte[]{1}, java.nio.file.StandardOpenOption.APPEND);
        writeManifest(folder, "rec.onnx", "e72a5710cce378dc46472b6b845cb90647634f2738d8c3e581735cf195b9866f", 128);
        assertThatThrownBy(() -> packsWith(empty).load(folder.toString()))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining(recognizer.toString())
                .hasMessageContaining("corrupt or a different model");
    }

    @Test
    void aFolderPackLoadsItsOwnFiles(@TempDir Path folder) throws IOException {
        Files.copy(FIXTURE_MODELS.resolve("buffalo_s/det_500m.onnx"), folder.resolve("det.onnx"));
        Files.copy(FIXTURE_MODELS.resolve("mobilefacenet/mobilefacenet.onnx"), folder.resolve("rec.onnx"));
        writeManifest(folder, "rec.onnx", "", 128);
        ModelPack pack = packsWith(empty).load(folder.toString());
        assertThat(pack.name()).isEqualTo("custom");
        assertThat(pack.recognizerFile()).isEqualTo(folder.resolve("rec.onnx"));
    }

    @Test
    void aManifestWithImpossibleThresholdsIsRefused(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("pack.json"), """
                {"name":"bad","detector":{"file":"d.onnx","inputWidth":640,"inputHeight":640,"mean":127.5,"std":128,
                 "channelOrder":"RGB"},
                 "recognizer":{"file":"r.onnx","inputSize":112,"mean":127.5,"std":127.5,"channelOrder":"RGB",
                 "embeddingDim":512},
                 "thresholds":{"verification":0.3,"match":0.6,"autoTag":0.4}}""");
        assertThatThrownBy(() -> packsWith(empty).load(folder.toString()))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("match <= autoTag");
    }

    static void writeManifest(Path folder, String recognizer, String recognizerSha, int dim) throws IOException {
        Files.writeString(folder.resolve("pack.json"), """
                {"name":"custom","description":"test","licence":"test",
                 "detector":{"file":"det.onnx","sha256":"5e4447f50245bbd7966bd6c0fa52938c61474a04ec7def48753668a9d8b4ea3a",
                   "inputWidth":640,"inputHeight":640,"mean":127.5,"std":128,"channelOrder":"RGB"},
                 "recognizer":{"file":"%s","sha256":"%s","inputSize":112,"mean":127.5,"std":127.5,
                   "channelOrder":"RGB","embeddingDim":%d},
                 "thresholds":{"verification":0.27,"match":0.3,"autoTag":0.45}}""".formatted(recognizer, recognizerSha, dim));
    }
}
