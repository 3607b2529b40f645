package io.facefleet.worker.cli;

import io.facefleet.common.pack.ModelPacks;
import io.facefleet.worker.face.EngineSettings;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import picocli.CommandLine.Option;

/** The options every command that runs the face engine shares. */
final class EngineOptions {

    @Option(names = "--pack", paramLabel = "PACK",
            defaultValue = "${env:FACEFLEET_MODEL_PACK:-auto}",
            description = "Model pack: buffalo_l, buffalo_s, dev-512, dev-128, a folder with a pack.json, or auto"
                    + " (buffalo_l where downloaded, else dev-512). Default: ${DEFAULT-VALUE}.")
    String pack;

    @Option(names = "--provider", paramLabel = "EP", defaultValue = "${env:FACEFLEET_EXECUTION_PROVIDER:-auto}",
            description = "Execution provider: auto (ROCm, MIGraphX, CUDA, then CPU), rocm, migraphx, cuda or cpu."
                    + " Default: ${DEFAULT-VALUE}.")
    String provider;

    @Option(names = "--intra-op-threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime threads per model run (0: ONNX Runtime decides). Default: ${DEFAULT-VALUE}.")
    int intraOpThreads;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "50000000",
            description = "Refuse images with more pixels than this. Default: ${DEFAULT-VALUE}.")
    long maxPixels;

    EngineSettings settings() {
        EngineSettings defaults = EngineSettings.defaults();
        return new EngineSettings(provider, intraOpThreads, defaults.scoreThreshold(), defaults.nmsThreshold(), maxPixels);
    }

    FaceEngine openEngine() {
        return FaceEngine.open(ModelPacks.standard().load(pack), settings());
    }

    ImageDecoder decoder() {
        return new ImageDecoder(maxPixels);
    }
}
