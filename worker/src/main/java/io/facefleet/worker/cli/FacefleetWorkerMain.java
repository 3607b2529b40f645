package io.facefleet.worker.cli;

import io.facefleet.common.pack.ModelPackException;
import org.postgresql.util.PSQLException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the worker jar: the face commands of the {@code facefleet} CLI, and the worker itself. */
@Command(name = "facefleet", mixinStandardHelpOptions = true, version = "Facefleet 0.1.0",
        description = "Find and name the people who appear in a video library.",
        subcommands = {WorkerCommand.class, FaceApiCommand.class, DetectCommand.class, CompareCommand.class,
                EvalCommand.class, ModelsCommand.class, BenchFramesCommand.class})
public final class FacefleetWorkerMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new FacefleetWorkerMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                        if (cause instanceof PSQLException) {
                            return 2; // the application's failure analysis has said what is wrong and what to run
                        }
                        if (cause instanceof ModelPackException || cause instanceof IllegalArgumentException) {
                            cmd.getErr().println(cmd.getColorScheme().errorText(cause.getMessage()));
                            return 2;
                        }
                    }
                    throw e;
                });
    }
}
