package io.facefleet.common.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Scanner;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FreePortTest {

    @Test
    void neverHandsOutAPortTwiceNorOneInTheKernelsEphemeralRange() throws IOException {
        int ephemeralStart;
        try (Scanner range = new Scanner(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            ephemeralStart = range.nextInt();
        }
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int port = FreePort.any();
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port).isBetween(10000, ephemeralStart - 1);
        }
    }

    @Test
    void skipsAPortSomethingListensOn() throws IOException {
        int before = FreePort.any();
        int taken = next(before);
        try (ServerSocket listener = listenOn(taken)) {
            assumeTrue(listener != null, "the port after the last one handed out is already taken");
            assertThat(FreePort.any()).isNotEqualTo(taken).isEqualTo(next(taken));
        }
    }

    private static int next(int port) {
        FreePort.Range range = FreePort.range();
        return port == range.last() ? range.first() : port + 1;
    }

    private static ServerSocket listenOn(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return socket;
        } catch (IOException e) {
            socket.close();
            return null;
        }
    }
}
