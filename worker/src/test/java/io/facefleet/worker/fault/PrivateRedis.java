package io.facefleet.worker.fault;

import io.facefleet.common.app.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, a child process on a free port without persistence, that the test may stop
 * and start again on the same port (the shared Redis on 6379 is never touched).
 */
final class PrivateRedis implements AutoCloseable {

    private final int port;
    private final Path log;
    private final List<String> alsoBindTo;
    private Process process;

    private PrivateRedis(int port, Path log, List<String> alsoBindTo) {
        this.port = port;
        this.alsoBindTo = alsoBindTo;
        this.log = log;
    }

    /** @param alsoBindTo more addresses to listen on, e.g. a namespace's view of this machine */
    static PrivateRedis start(String name, String... alsoBindTo) {
        PrivateRedis redis = new PrivateRedis(FreePort.any(), FaultLogs.file("redis-" + name), List.of(alsoBindTo));
        redis.start();
        return redis;
    }

    int port() {
        return port;
    }

    /** Starts (again) on the same port and returns once it answers PING. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Redis on port " + port + " is already running");
        }
        try {
            List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no", "--bind", "127.0.0.1"));
            command.addAll(alsoBindTo);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start redis-server (is it installed?)", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!answersPing()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("redis-server on port " + port + " did not come up; see " + log);
            }
            sleep(50);
        }
    }

    /** Stops it (SIGTERM, as a shutdown or crash of the Redis host would look to clients) and waits for the exit. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int n = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
