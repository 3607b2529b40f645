package io.facefleet.worker.fault;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL is killed under a running worker: its readiness probe and GET /health answer 503, naming the database,
 * within 10 s, and 200 again on their own once PostgreSQL is back (the job server started again too). A private
 * cluster, never the shared one.
 */
class WorkerHealthIT {

    static final Duration NOTICE = Duration.ofSeconds(10);
    static final Duration RECOVERY = Duration.ofSeconds(90);
    /** A heartbeat every poll (5 s) and JobRunr's own wait for the database to answer it. */
    static final Duration JOB_SERVER_STOP = Duration.ofSeconds(60);

    static PrivatePostgres postgres;
    static PrivateRedis redis;
    static FaultCluster cluster;
    static WorkerProcess worker;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void fleet() {
        postgres = PrivatePostgres.start();
        redis = PrivateRedis.start("health");
        cluster = FaultCluster.create("facefleet_it_health", postgres.server(), redis.port());
        worker = cluster.startWorker("health-a", 1, List.of());
    }

    @AfterAll
    static void stop() {
        try (PrivatePostgres p = postgres; PrivateRedis r = redis; FaultCluster c = cluster) {
            // closed in reverse order: the worker and the database, Redis, then PostgreSQL
        }
    }

    @Test
    void readinessAndHealthSay503WhilePostgresIsDownAndRecoverOnTheirOwn() throws Exception {
        awaitBoth(Duration.ofMinutes(1), "ready before the outage", 200);

        Instant killed = Instant.now();
        postgres.kill();
        Duration notReady = awaitBoth(NOTICE, "503 after PostgreSQL was killed", 503);
        HttpResponse<String> health = get("/health");
        System.out.printf("WorkerHealthIT: PostgreSQL killed; /readyz and /health both 503 after %.1f s: %s%n",
                notReady.toMillis() / 1000.0, health.body());
        assertThat(notReady).isLessThanOrEqualTo(NOTICE);
        assertThat(health.body()).contains("\"status\":\"DOWN\"", "\"database\":{\"status\":\"DOWN\"",
                "\"models\":{\"status\":\"UP\"}");
        assertThat(get("/readyz").body()).contains("\"database\":{\"status\":\"DOWN\"}");
        assertThat(get("/livez").statusCode()).as("alive all along: nothing to restart").isEqualTo(200);
        // JobRunr stops its server once a heartbeat fails; /health says so too, and that it comes back below.
        await(JOB_SERVER_STOP, "the job server reported stopped",
                () -> get("/health").body().contains("\"job_server\":{\"status\":\"DOWN\""));
        System.out.printf("WorkerHealthIT: job server reported stopped %.1f s after PostgreSQL was killed%n",
                Duration.between(killed, Instant.now()).toMillis() / 1000.0);

        Instant restarting = Instant.now();
        postgres.startAgain();
        Duration ready = awaitBoth(RECOVERY, "200 again after PostgreSQL started", 200);
        System.out.printf("WorkerHealthIT: PostgreSQL down %.1f s; /readyz and /health 200 again %.1f s after it"
                        + " started: %s%n", Duration.between(killed, restarting).toMillis() / 1000.0,
                ready.toMillis() / 1000.0, get("/health").body());
        assertThat(get("/health").body()).contains("\"job_server\":{\"status\":\"UP\"}",
                "\"database\":{\"status\":\"UP\"}");
    }

    /** Polls /readyz and /health until both answer {@code status}; returns how long that took. */
    private Duration awaitBoth(Duration atMost, String what, int status) throws InterruptedException {
        return await(atMost, what, () -> get("/readyz").statusCode() == status && get("/health").statusCode() == status);
    }

    interface Probe {
        boolean holds() throws IOException;
    }

    private Duration await(Duration atMost, String what, Probe probe) throws InterruptedException {
        Instant start = Instant.now();
        Predicate<Probe> holds = p -> {
            try {
                return p.holds();
            } catch (IOException e) {
                return false;
            }
        };
        while (!holds.test(probe)) {
            worker.checkAlive();
            if (Duration.between(start, Instant.now()).compareTo(atMost) > 0) {
                throw new AssertionError("Not within " + atMost.toSeconds() + " s: " + what + "; worker log:\n"
                        + worker.tail(30));
            }
            Thread.sleep(200);
        }
        return Duration.between(start, Instant.now());
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.port() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
