package io.facefleet.worker.fault;

import io.facefleet.common.app.FreePort;
import io.facefleet.common.db.DatabaseSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl, as user postgres when run as root) on a free port, in a
 * temporary folder under /tmp, that the test may restart at will. pgvector is installed system-wide, so
 * {@code CREATE EXTENSION vector} works in it. The shared cluster on 5432 is never touched. {@link #close()}
 * stops it and removes its folder; a shutdown hook does the same if the test JVM ends first.
 */
final class PrivatePostgres implements AutoCloseable {

    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private final String bin;
    private final Thread shutdownHook;

    private final List<String> addresses;

    private PrivatePostgres(Path dir, int port, String bin, List<String> addresses) {
        this.dir = dir;
        this.addresses = addresses;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.port = port;
        this.bin = bin;
        this.shutdownHook = new Thread(this::destroy);
    }

    /** @param alsoListenOn more addresses to accept connections on (trust auth from their /24), e.g. a namespace's */
    static PrivatePostgres start(String... alsoListenOn) {
        String bin = Commands.run(List.of("pg_config", "--bindir")).trim();
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "facefleet-fault-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> addresses = new ArrayList<>(List.of("127.0.0.1"));
        addresses.addAll(List.of(alsoListenOn));
        PrivatePostgres pg = new PrivatePostgres(dir, FreePort.any(), bin, addresses);
        Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
        try {
            if ("root".equals(System.getProperty("user.name"))) {
                Commands.run(List.of("chown", "postgres:postgres", dir.toString()));
            }
            Commands.run(Commands.asPostgres(List.of(bin + "/initdb", "-D", pg.data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync")));
            for (String address : alsoListenOn) {
                String network = address.substring(0, address.lastIndexOf('.')) + ".0/24";
                Files.writeString(pg.data.resolve("pg_hba.conf"), "host all all " + network + " trust\n",
                        StandardOpenOption.APPEND);
            }
            pg.start0();
            return pg;
        } catch (IOException e) {
            pg.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** The server as the facefleet code addresses one: connect as postgres, no password. */
    DatabaseSettings server() {
        return new DatabaseSettings("127.0.0.1", port, "postgres", "", "postgres");
    }

    int port() {
        return port;
    }

    /** {@code pg_ctl restart -m fast}: every connection is cut, open transactions roll back. */
    void restart() {
        pgCtl("restart", "-m", "fast", "-w", "-t", "120", "-l", log.toString());
        awaitAccepting();
    }

    /** {@code pg_ctl stop -m immediate}: the server is gone at once, as if killed; nothing answers on its port. */
    void kill() {
        pgCtl("stop", "-m", "immediate", "-w", "-t", "60");
    }

    /** Starts it again on the same port after {@link #kill()}, and returns once it accepts connections. */
    void startAgain() {
        start0();
    }

    private void start0() {
        pgCtl("start", "-w", "-t", "120", "-l", log.toString(), "-o",
                "-p " + port + " -c listen_addresses=" + String.join(",", addresses) + " -k " + dir
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100");
        awaitAccepting();
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>(List.of(bin + "/pg_ctl", "-D", data.toString()));
        command.addAll(List.of(args));
        Commands.run(Commands.asPostgres(command));
    }

    private void awaitAccepting() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            try (Connection ignored = DriverManager.getConnection(server().jdbcUrl(), "postgres", "")) {
                return;
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Private PostgreSQL on port " + port + " does not accept connections; see "
                            + log, e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void destroy() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                pgCtl("stop", "-m", "immediate", "-w", "-t", "60");
            }
        } catch (RuntimeException e) {
            System.err.println("Could not stop the private PostgreSQL in " + dir + ": " + e.getMessage());
        }
        try {
            if (Files.exists(log)) {
                Files.copy(log, FaultLogs.file("postgres"));
            }
        } catch (IOException e) {
            System.err.println("Could not keep " + log + ": " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not remove " + dir + ": " + e.getMessage());
        }
    }
}
