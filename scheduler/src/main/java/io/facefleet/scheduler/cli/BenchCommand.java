package io.facefleet.scheduler.cli;

import io.facefleet.common.Fixtures;
import io.facefleet.scheduler.bench.FleetBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Videos per hour with 1, 2, … worker processes on this machine, and the time JobRunr adds per"
                + " job (latency: enqueued to started). Each configuration gets a database of its own and the same"
                + " library: --copies symbolic links to each sample video.",
                "Needs PostgreSQL with pgvector and Redis (facefleet services up).",
                "bench db: the database at scale (facefleet bench db --help)."},
        subcommands = BenchDbCommand.class)
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--workers", split = ",", defaultValue = "1,2", paramLabel = "N,N",
            description = "Worker process counts to measure, one job at a time each. Default: ${DEFAULT-VALUE}.")
    List<Integer> workers;

    @Option(names = "--copies", defaultValue = "3", paramLabel = "N",
            description = "Copies of each sample video in the library. Default: ${DEFAULT-VALUE}.")
    int copies;

    @Option(names = "--videos", paramLabel = "DIR", description = "Default: facedata/videos.")
    Path videos;

    @Option(names = "--worker-jar", paramLabel = "JAR", description = "Required (the facefleet script passes it).")
    Path workerJar;

    @Option(names = "--java-option", paramLabel = "OPT")
    List<String> javaOptions = List.of();

    @Override
    public Integer call() throws Exception {
        if (workerJar == null) {
            throw new IllegalArgumentException("bench needs --worker-jar");
        }
        Path source = videos != null ? videos : Fixtures.locate().facedata("videos");
        Path work = Files.createTempDirectory("facefleet-bench");
        new FleetBench(workerJar, javaOptions, work).run(workers, source, copies, Duration.ofMinutes(30), System.out);
        return 0;
    }
}
