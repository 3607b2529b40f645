package io.facefleet.common.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether PostgreSQL answers through the application's own pool, within a few seconds. Spring Boot's own {@code db}
 * indicator would wait as long as the pool does for a connection (10–30 s) while PostgreSQL is down, so a probe
 * would time out instead of saying DOWN. One check runs at a time, on a thread of its own: a probe that comes while
 * a check hangs waits for that one, so hung checks cannot pile up.
 */
public final class DatabaseHealthIndicator implements HealthIndicator, AutoCloseable {

    private final DataSource dataSource;
    private final Duration timeout;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("database-health").daemon().factory());
    private CompletableFuture<Void> inFlight;

    public DatabaseHealthIndicator(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        try {
            currentCheck().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().build();
        } catch (TimeoutException e) {
            return down("PostgreSQL did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return down(e.getCause() instanceof SQLException sql
                    ? "PostgreSQL cannot be used (SQLSTATE " + sql.getSQLState() + ")"
                    : "PostgreSQL cannot be used (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted while asking PostgreSQL");
        }
    }

    private synchronized CompletableFuture<Void> currentCheck() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.runAsync(this::ask, checker);
        }
        return inFlight;
    }

    private void ask() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
                throw new SQLException("The connection is not valid", "08006");
            }
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    private static Health down(String reason) {
        return Health.down().withDetail("reason", reason).build();
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
