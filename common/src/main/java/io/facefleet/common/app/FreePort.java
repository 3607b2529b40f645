package io.facefleet.common.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP port that nothing listens on now, for a process that will bind it seconds later (a worker, PostgreSQL, Redis
 * started by a test or the demo).
 * <p>
 * The port is taken below the kernel's ephemeral range, where the kernel never hands out ports on its own: not to
 * another process binding port 0, nor to an outgoing connection. A port the kernel chose there could be taken before
 * its process binds it, as a worker's once was by a scheduler starting beside it. Ports are handed out in turn from a
 * random start, so one JVM never hands out the same port twice until it has gone round the whole range.
 */
public final class FreePort {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default first ephemeral port, where its range cannot be read. */
    private static final int DEFAULT_EPHEMERAL_START = 32768;
    private static final int LOWEST = 10000;

    private static final Range RANGE = Range.belowEphemeral(ephemeralStart());
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(RANGE.size()));

    private FreePort() {
    }

    public static int any() {
        for (int tried = 0; tried < RANGE.size(); tried++) {
            int port = RANGE.port(NEXT.getAndIncrement());
            if (nothingListensOn(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free TCP port between " + RANGE.first() + " and " + RANGE.last());
    }

    /** The ports this JVM hands out. */
    public static Range range() {
        return RANGE;
    }

    /** Bound on every address, so that a listener on any of them counts. */
    private static boolean nothingListensOn(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).getFirst().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    /** Ports {@code first..last}, inclusive. */
    public record Range(int first, int last) {

        /** Where the ephemeral range leaves fewer than 1,000 ports below it, all ports from 10000 up. */
        static Range belowEphemeral(int ephemeralStart) {
            return ephemeralStart - LOWEST < 1000 ? new Range(LOWEST, 65535) : new Range(LOWEST, ephemeralStart - 1);
        }

        int size() {
            return last - first + 1;
        }

        int port(int turn) {
            return first + Math.floorMod(turn, size());
        }
    }
}
