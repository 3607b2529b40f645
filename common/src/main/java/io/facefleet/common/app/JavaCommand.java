package io.facefleet.common.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs one of Facefleet's jars in a JVM of the same version as this one, with the flags its
 * native libraries need (the same ones the {@code facefleet} script passes).
 */
public final class JavaCommand {

    private static final String VECTOR_API = "--add-modules=jdk.incubator.vector";

    private JavaCommand() {
    }

    public static List<String> forJar(Path jar, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(requiredOptions(Runtime.version().feature()));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        return command;
    }

    /**
     * ONNX Runtime and JavaCPP load native code; JavaCPP still uses sun.misc.Unsafe, which warns from Java 24 on; the
     * in-memory scans use the Vector API, an incubator module.
     */
    static List<String> requiredOptions(int javaFeatureVersion) {
        return javaFeatureVersion >= 24
                ? List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", VECTOR_API)
                : List.of("--enable-native-access=ALL-UNNAMED", VECTOR_API);
    }
}
