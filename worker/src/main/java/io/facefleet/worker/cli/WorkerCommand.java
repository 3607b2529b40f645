package io.facefleet.worker.cli;

import ai.onnxruntime.OrtEnvironment;
import io.facefleet.common.app.RunningApplication;
import io.facefleet.worker.WorkerApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run a worker: the face HTTP API (POST /detect, POST /extract-embedding, GET /health).",
                "Other Spring Boot settings pass through, e.g. --facefleet.engine.intra-op-threads=4."})
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (Spring Boot's server.port). Default: 8081.")
    Integer port;

    @Option(names = "--pack", paramLabel = "PACK", description = "Model pack (facefleet.engine.model-pack). Default: auto.")
    String pack;

    @Option(names = "--provider", paramLabel = "EP",
            description = "Execution provider: auto, rocm, migraphx, cuda or cpu. Default: auto.")
    String provider;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Jobs run at once (JobRunr workers). Default: 2 on a GPU, cores/4 on a CPU.")
    Integer jobs;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>(springArguments);
        if (port != null) {
            args.add("--server.port=" + port);
        }
        if (pack != null) {
            args.add("--facefleet.engine.model-pack=" + pack);
        }
        if (provider != null) {
            args.add("--facefleet.engine.execution-provider=" + provider);
        }
        WorkerSizing sizing = WorkerSizing.forHardware(OrtEnvironment.getAvailableProviders(),
                Runtime.getRuntime().availableProcessors());
        int jobCount = jobs != null ? jobs : Integer.parseInt(System.getenv().getOrDefault("FACEFLEET_WORKER_COUNT",
                Integer.toString(sizing.jobs())));
        args.addFirst("--jobrunr.background-job-server.worker-count=" + jobCount);
        args.addFirst("--facefleet.engine.intra-op-threads=" + Math.max(1,
                Runtime.getRuntime().availableProcessors() / jobCount));
        RunningApplication.awaitClose(WorkerApplication.start(args.toArray(String[]::new)));
        return 0;
    }
}
