package io.facefleet.worker.cli;

import picocli.CommandLine.Option;

import java.util.List;

/** The options of the commands that serve the face API: the port, the model pack and the execution provider. */
final class ServerOptions {

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (Spring Boot's server.port). Default: 8081.")
    Integer port;

    @Option(names = "--pack", paramLabel = "PACK",
            description = "Model pack (facefleet.model-pack): a name or a folder. Default: auto.")
    String pack;

    @Option(names = "--provider", paramLabel = "EP",
            description = "Execution provider: auto, rocm, migraphx, cuda or cpu. Default: auto.")
    String provider;

    /** Adds the options given, as Spring Boot arguments. */
    void addTo(List<String> args) {
        if (port != null) {
            args.add("--server.port=" + port);
        }
        if (pack != null) {
            args.add("--facefleet.model-pack=" + pack);
        }
        if (provider != null) {
            args.add("--facefleet.engine.execution-provider=" + provider);
        }
    }
}
