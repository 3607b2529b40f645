package io.facefleet.worker.health;

import org.jobrunr.server.BackgroundJobServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code jobServer} part of readiness: this worker's JobRunr background job server runs and takes jobs (UP where
 * it is switched off by configuration, as JobRunr's own indicator says). JobRunr
 * stops it when a heartbeat fails (a database outage); JobServerRevival starts it again once PostgreSQL answers.
 */
@Component("jobServerHealthIndicator")
public class JobServerHealthIndicator implements HealthIndicator {

    private final ObjectProvider<BackgroundJobServer> servers;

    public JobServerHealthIndicator(ObjectProvider<BackgroundJobServer> servers) {
        this.servers = servers;
    }

    @Override
    public Health health() {
        BackgroundJobServer server = servers.getIfAvailable();
        if (server == null) {
            // jobrunr.background-job-server.enabled=false: a face API that takes no jobs, on purpose.
            return Health.up().withDetail("reason", "disabled by configuration").build();
        }
        if (!server.isRunning()) {
            return Health.down().withDetail("reason", "JobRunr's background job server is stopped").build();
        }
        return Health.up().build();
    }
}
