package io.facefleet.worker.cli;

import ai.onnxruntime.OrtProvider;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.worker.WorkerApplication;
import io.facefleet.worker.engine.EngineProperties;
import io.facefleet.worker.support.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** What `facefleet worker` is given is what the running worker uses: read back from /health and its settings. */
class WorkerCommandTest {

    static final WorkerSizing TWO_CPU_CORES = WorkerSizing.forHardware(EnumSet.of(OrtProvider.CPU), 2);

    @Test
    void thePackAndProviderAskedForAreThoseTheWorkerRuns() throws Exception {
        WorkerCommand command = parse("--pack", "dev-128", "--provider", "cpu", "--port", "0");

        try (ConfigurableApplicationContext worker = start(command, TWO_CPU_CORES)) {
            String health = get(worker, "/health");
            assertThat(health).contains("\"model_pack\":\"dev-128\"", "\"embedding_dim\":128",
                    "\"execution_provider\":\"cpu\"");
            assertThat(worker.getEnvironment().getProperty(WorkerCommand.JOBS)).isEqualTo("1");
            assertThat(worker.getBean(EngineProperties.class).intraOpThreads()).isEqualTo(2);
        }
    }

    @Test
    void settingsPassedThroughWinOverTheSizedDefaults() throws Exception {
        WorkerCommand command = parse("--port", "0", "--facefleet.engine.intra-op-threads=1", "--jobs", "3");

        try (ConfigurableApplicationContext worker = start(command, WorkerSizing.forHardware(
                EnumSet.of(OrtProvider.CPU), 2, command.jobs))) {
            assertThat(worker.getBean(EngineProperties.class).intraOpThreads()).isEqualTo(1);
            assertThat(worker.getEnvironment().getProperty(WorkerCommand.JOBS)).isEqualTo("3");
        }
    }

    private static WorkerCommand parse(String... args) {
        WorkerCommand command = new WorkerCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    /** The worker as `facefleet worker` starts it, on a database of its own and without taking jobs. */
    private static ConfigurableApplicationContext start(WorkerCommand command, WorkerSizing sizing) {
        String[] args = command.applicationArguments(sizing);
        DatabaseSettings db = FreshDatabase.create("facefleet_test_worker_command");
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--spring.datasource.url=" + db.jdbcUrl(), "--jobrunr.background-job-server.enabled=false"))
                .toArray(String[]::new);
        return WorkerApplication.start(all);
    }

    private static String get(ConfigurableApplicationContext worker, String path) throws Exception {
        String port = worker.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().replace(" ", "");
    }
}
