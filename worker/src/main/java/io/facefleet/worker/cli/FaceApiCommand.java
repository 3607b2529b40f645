package io.facefleet.worker.cli;

import io.facefleet.common.app.RunningApplication;
import io.facefleet.faceapi.FaceApiApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "face-api", mixinStandardHelpOptions = true,
        description = {"Serve the face HTTP API only (POST /detect, POST /extract-embedding, GET /health): no",
                "database, no Redis, no jobs. Other Spring Boot settings pass through."})
final class FaceApiCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (server.port). Default: 8081.")
    Integer port;

    @Option(names = "--pack", paramLabel = "PACK",
            description = "Model pack (facefleet.model-pack): a name or a folder. Default: auto.")
    String pack;

    @Option(names = "--provider", paramLabel = "EP",
            description = "Execution provider: auto, rocm, migraphx, cuda or cpu. Default: auto.")
    String provider;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        RunningApplication.awaitClose(FaceApiApplication.start(applicationArguments()));
        return 0;
    }

    String[] applicationArguments() {
        List<String> args = new ArrayList<>(springArguments);
        if (port != null) {
            args.add("--server.port=" + port);
        }
        if (pack != null) {
            args.add("--facefleet.model-pack=" + pack);
        }
        if (provider != null) {
            args.add("--facefleet.engine.execution-provider=" + provider);
        }
        return args.toArray(String[]::new);
    }
}
