package io.facefleet.worker.cli;

import ai.onnxruntime.OrtEnvironment;
import io.facefleet.common.app.RunningApplication;
import io.facefleet.worker.WorkerApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run a worker: the face HTTP API (POST /detect, POST /extract-embedding, GET /health).",
                "Other Spring Boot settings pass through, e.g. --facefleet.engine.intra-op-threads=4."})
final class WorkerCommand implements Callable<Integer> {

    static final String JOBS = "jobrunr.background-job-server.worker-count";
    static final String THREADS = "facefleet.engine.intra-op-threads";
    static final String DECODER_THREADS = "facefleet.video.decoder-threads";

    @Mixin
    ServerOptions server = new ServerOptions();

    @Option(names = "--jobs", paramLabel = "N",
            description = "Jobs run at once (JobRunr workers). Default: 2 on a GPU, cores/4 on a CPU.")
    Integer jobs;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        WorkerSizing sizing = WorkerSizing.forHardware(OrtEnvironment.getAvailableProviders(),
                Runtime.getRuntime().availableProcessors(), jobCount());
        RunningApplication.awaitClose(WorkerApplication.start(applicationArguments(sizing)));
        return 0;
    }

    /** --jobs, else FACEFLEET_WORKER_COUNT, else null: sized from the hardware. */
    private Integer jobCount() {
        if (jobs != null) {
            return jobs;
        }
        String configured = System.getenv("FACEFLEET_WORKER_COUNT");
        return configured == null || configured.isBlank() ? null : Integer.valueOf(configured.trim());
    }

    /** Spring Boot's arguments: the options, then the sizing wherever the user did not set it themselves. */
    String[] applicationArguments(WorkerSizing sizing) {
        List<String> args = new ArrayList<>(springArguments);
        server.addTo(args);
        setUnlessGiven(args, JOBS, sizing.jobs());
        setUnlessGiven(args, THREADS, sizing.intraOpThreads());
        setUnlessGiven(args, DECODER_THREADS, sizing.intraOpThreads());
        return args.toArray(String[]::new);
    }

    private static void setUnlessGiven(List<String> args, String property, int value) {
        if (args.stream().noneMatch(arg -> arg.startsWith("--" + property + "="))) {
            args.add("--" + property + "=" + value);
        }
    }
}
