package io.facefleet.worker.cli;

import io.facefleet.common.app.RunningApplication;
import io.facefleet.faceapi.FaceApiApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "face-api", mixinStandardHelpOptions = true,
        description = {"Serve the face HTTP API only (POST /detect, POST /extract-embedding, GET /health): no",
                "database, no Redis, no jobs. Other Spring Boot settings pass through."})
final class FaceApiCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server = new ServerOptions();

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        RunningApplication.awaitClose(FaceApiApplication.start(applicationArguments()));
        return 0;
    }

    String[] applicationArguments() {
        List<String> args = new ArrayList<>(springArguments);
        server.addTo(args);
        return args.toArray(String[]::new);
    }
}
