package io.facefleet.worker.face;

import ai.onnxruntime.OrtEnvironment;
import io.facefleet.common.pack.ModelPack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the fastest optimisation level of a model depends on: the model itself, the size of the images it runs on,
 * the ONNX Runtime build, the execution provider, the threads per run and the CPU. A cached choice is reused only
 * where all of them match.
 *
 * @param modelSha256    the model file's content, so a copy elsewhere shares the entry and a replaced file does not
 * @param inputSize      height x width of the images the model was timed on
 * @param intraOpThreads as configured; 0 (ONNX Runtime decides) depends on {@code cores} too
 */
record TuningKey(String modelSha256, String inputSize, String onnxRuntimeVersion, String executionProvider, int intraOpThreads,
                 int cores, String cpuModel) {

    static TuningKey of(Path model, String inputSize, ExecutionProvider provider, int intraOpThreads) {
        return new TuningKey(ModelPack.sha256(model), inputSize, OrtEnvironment.getEnvironment().getVersion(), provider.id(),
                intraOpThreads, Runtime.getRuntime().availableProcessors(), hostCpuModel());
    }

    /** The "model name" line of /proc/cpuinfo (Linux), else the architecture Java reports. */
    static String hostCpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                var modelName = lines.filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).trim())
                        .findFirst();
                if (modelName.isPresent()) {
                    return modelName.get();
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // fall through to the architecture
            }
        }
        return System.getProperty("os.arch");
    }
}
