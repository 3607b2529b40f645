package io.facefleet.scheduler.cli;

import io.facefleet.common.app.RunningApplication;
import io.facefleet.common.pack.ModelPackException;
import io.facefleet.scheduler.SchedulerApplication;
import org.postgresql.util.PSQLException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Entry point of the scheduler jar: the scheduler itself (no subcommand), the demo, the benchmarks, tokens and users. */
@Command(name = "facefleet scheduler", mixinStandardHelpOptions = true, version = "Facefleet 0.1.0",
        description = {"Run the scheduler: watch the library, queue jobs for the workers, serve the REST API (/api,"
                + " OpenAPI at /v3/api-docs) and the JobRunr dashboard.",
                "Other Spring Boot settings pass through, e.g. --facefleet.library.rescan-interval=1h."},
        subcommands = {DemoCommand.class, BenchCommand.class, TokenCommand.class, UserCommand.class,
                SearchCommand.class, ReembedCommand.class})
public final class FacefleetSchedulerMain implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "HTTP port of the REST API. Default: 8080.")
    Integer port;

    @Option(names = "--library", paramLabel = "DIR", split = ",",
            description = "Library folders to watch (facefleet.library.roots, FACEFLEET_LIBRARY).")
    List<String> library;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(commandLine(new FacefleetSchedulerMain()).execute(args));
    }

    /** The command line for {@code command}: a mistake (a wrong name, no database) is told in one line, exit code 2. */
    static CommandLine commandLine(Object command) {
        return new CommandLine(command).setExecutionExceptionHandler((e, cmd, parsed) -> {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof PSQLException) {
                    return 2; // the application's failure analysis has said what is wrong and what to run
                }
                if (cause instanceof ModelPackException || cause instanceof IllegalArgumentException
                        || cause instanceof IllegalStateException) {
                    cmd.getErr().println(cmd.getColorScheme().errorText(cause.getMessage()));
                    return 2;
                }
            }
            throw e;
        });
    }

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>(springArguments);
        if (port != null) {
            args.add("--server.port=" + port);
        }
        if (library != null) {
            args.add("--facefleet.library.roots=" + String.join(",", library));
        }
        RunningApplication.awaitClose(SchedulerApplication.start(args.toArray(String[]::new)));
        return 0;
    }
}
