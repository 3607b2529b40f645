package io.facefleet.worker.cli;

import io.facefleet.common.pack.ModelDirectories;
import io.facefleet.common.pack.ModelPackDownloader;
import io.facefleet.common.pack.ModelPackManifest;
import io.facefleet.common.pack.ModelPacks;
import io.facefleet.worker.face.EngineSettings;
import io.facefleet.worker.face.FaceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List, verify and download model packs.",
                "Packs are looked for in FACEFLEET_MODELS (default ~/.facefleet/models) and then in the fixtures'"
                        + " models/ folder. InsightFace's packs (buffalo_l, buffalo_s) are for non-commercial"
                        + " research use only."})
final class ModelsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The built-in packs and whether their files are here.")
    int list() {
        ModelPacks packs = ModelPacks.standard();
        System.out.println("Model folders: " + packs.directories().searchPath());
        for (String name : ModelPacks.builtInNames()) {
            ModelPackManifest m = ModelPacks.builtInManifest(name);
            System.out.printf("%-10s %-10s %4d-d  %s%n             licence: %s%n", name,
                    packs.isAvailable(name) ? "installed" : "missing", m.recognizer().embeddingDim(),
                    m.description(), m.licence());
        }
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a pack's files and hashes and load both models on the CPU.")
    int verify(@Parameters(paramLabel = "PACK", description = "A built-in name or a folder with a pack.json.") String pack) {
        try (FaceEngine engine = FaceEngine.open(ModelPacks.standard().load(pack), EngineSettings.defaults().withExecutionProvider("cpu"))) {
            System.out.printf("%s: OK (detector %s, recognizer %s, %d-d)%n", engine.pack().name(),
                    engine.pack().detectorFile(), engine.pack().recognizerFile(), engine.pack().embeddingDim());
        }
        return 0;
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = {"Download an InsightFace pack from its official release, check sha256 and unpack it"
                    + " into FACEFLEET_MODELS (default ~/.facefleet/models).",
                    "InsightFace's pretrained models are for non-commercial research use only."})
    int download(@Parameters(paramLabel = "PACK", description = "buffalo_l or buffalo_s.") String pack) {
        Path folder = new ModelPackDownloader(ModelDirectories.standard()).download(pack, System.out::println);
        System.out.println("Pack " + pack + " is ready in " + folder);
        return 0;
    }
}
