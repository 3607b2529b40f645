package io.facefleet.worker.cli;

import picocli.CommandLine.Command;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure accuracy and speed on labelled face data.",
        subcommands = {EvalLfwCommand.class, EvalPhotosCommand.class, EvalClustersCommand.class,
                EvalCodesCommand.class})
final class EvalCommand {
}
