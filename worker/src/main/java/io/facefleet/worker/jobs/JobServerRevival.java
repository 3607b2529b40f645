package io.facefleet.worker.jobs;

import org.jobrunr.server.BackgroundJobServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts this worker's JobRunr server again after JobRunr stopped it on its own. JobRunr stops a server for good
 * when one of its heartbeats fails (ServerZooKeeper: "An unrecoverable error occurred"), which is what a cut network
 * link or a database outage longer than a few seconds does; the worker process would live on and never take a job
 * again. Once the database answers, the server is started anew: it announces itself again and takes work, while
 * the jobs it held were found orphaned by the other servers and run again there.
 */
@Component
class JobServerRevival {

    private static final Logger log = LoggerFactory.getLogger(JobServerRevival.class);

    private final ObjectProvider<BackgroundJobServer> servers;
    private final DataSource dataSource;
    private final long periodSeconds;
    private ScheduledExecutorService timer;
    private volatile boolean closing;
    private boolean outageLogged;

    JobServerRevival(ObjectProvider<BackgroundJobServer> servers, DataSource dataSource,
                     @Value("${jobrunr.background-job-server.poll-interval-in-seconds:15}") long periodSeconds) {
        this.servers = servers;
        this.dataSource = dataSource;
        this.periodSeconds = periodSeconds;
    }

    /** After JobRunr's own start, which also waits for the application to be ready. */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void watch() {
        if (servers.getIfAvailable() == null || closing) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("jobrunr-revival").daemon()
                .factory());
        timer.scheduleWithFixedDelay(this::check, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    /** Before JobRunr's server is stopped on purpose, so that stop is final. */
    @EventListener(ContextClosedEvent.class)
    synchronized void unwatch() {
        closing = true;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void check() {
        BackgroundJobServer server = servers.getObject();
        if (closing || server.isRunning() || server.isAnnounced()) {
            outageLogged = false;
            return;
        }
        if (!databaseAnswers()) {
            if (!outageLogged) {
                log.warn("JobRunr stopped {} and the database does not answer; it starts again once it does", server);
                outageLogged = true;
            }
            return;
        }
        synchronized (this) {
            if (closing) {
                return;
            }
            log.warn("JobRunr stopped {} (a heartbeat failed); the database answers again, so it starts again", server);
            server.start();
        }
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }
}
