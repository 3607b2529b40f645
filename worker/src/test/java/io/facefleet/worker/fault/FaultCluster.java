package io.facefleet.worker.fault;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStore;
import io.facefleet.worker.jobs.PipelineFixture;
import org.awaitility.core.ConditionTimeoutException;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * One fault test's fleet: a database of its own (on the shared PostgreSQL or a private one), the test's control
 * context ({@link ControlApplication}) and the worker processes it starts. {@link #close()} stops every worker,
 * closes the context and drops the database.
 */
final class FaultCluster implements AutoCloseable {

    /** Worker start-up loads the models; on a busy 2-core machine that can take over a minute. */
    static final Duration STARTUP = Duration.ofMinutes(4);
    static final Duration WORK = Duration.ofMinutes(4);

    private final DatabaseSettings db;
    private final int redisPort;
    private final ConfigurableApplicationContext control;
    private final List<WorkerProcess> workers = new CopyOnWriteArrayList<>();
    private final List<WorkerProcess> expectedDown = new CopyOnWriteArrayList<>();

    private FaultCluster(DatabaseSettings db, int redisPort, ConfigurableApplicationContext control) {
        this.db = db;
        this.redisPort = redisPort;
        this.control = control;
    }

    /** A fresh database named {@code prefix_…} on {@code server}, migrated by the control context. */
    static FaultCluster create(String prefix, DatabaseSettings server, int redisPort) {
        DatabaseSettings db = Databases.createFresh(server, prefix);
        try {
            // Command-line arguments, not SpringApplicationBuilder.properties(): those are defaults, and the
            // worker's application.yml (on this classpath) would point the context at the facefleet database.
            List<String> args = new ArrayList<>();
            db.springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
            args.addAll(List.of("--facefleet.model-pack=dev-512", "--jobrunr.background-job-server.enabled=false",
                    "--spring.datasource.hikari.maximum-pool-size=4", "--spring.main.banner-mode=off",
                    // It has neither models nor a job server to be ready with.
                    "--management.endpoint.health.group.readiness.include=readinessState,database"));
            ConfigurableApplicationContext control = new SpringApplicationBuilder(ControlApplication.class)
                    .web(WebApplicationType.NONE).run(args.toArray(String[]::new));
            String url = control.getEnvironment().getProperty("spring.datasource.url");
            if (!db.jdbcUrl().equals(url)) {
                control.close();
                throw new IllegalStateException("The control context points at " + url + ", not " + db.jdbcUrl());
            }
            return new FaultCluster(db, redisPort, control);
        } catch (RuntimeException e) {
            Databases.drop(db);
            throw e;
        }
    }

    DatabaseSettings db() {
        return db;
    }

    PipelineFixture fixture() {
        return control.getBean(PipelineFixture.class);
    }

    JdbcClient jdbc() {
        return control.getBean(JdbcClient.class);
    }

    JobRequestScheduler jobs() {
        return control.getBean(JobRequestScheduler.class);
    }

    CreatorStore creators() {
        return control.getBean(CreatorStore.class);
    }

    Video video(long id) {
        return control.getBean(VideoStore.class).find(id).orElseThrow();
    }

    /** Short clips get this many frames: a fixed amount of work per video. */
    void setFramesPerVideo(int frames) {
        jdbc().sql("UPDATE face_recognition_config SET min_frames_per_video = ?, max_frames_per_video = ?")
                .params(frames, frames).update();
    }

    /** Starts the workers side by side and returns once each one's JobRunr server has registered. */
    List<WorkerProcess> startWorkers(int jobs, List<String> extraArgs, String... names) {
        List<WorkerProcess> started = new ArrayList<>();
        for (String name : names) {
            WorkerProcess worker = WorkerProcess.start(name, db, redisPort, jobs, extraArgs);
            workers.add(worker);
            started.add(worker);
        }
        started.forEach(this::awaitServing);
        return started;
    }

    private void awaitServing(WorkerProcess worker) {
        until(STARTUP, worker + " serving jobs", () -> jdbc().sql("""
                        SELECT count(*) FROM jobrunr_backgroundjobservers WHERE name = ? AND running = 1""")
                .param(worker.name()).query(Integer.class).single() > 0);
    }

    WorkerProcess startWorker(String name, int jobs, List<String> extraArgs) {
        return startWorkers(jobs, extraArgs, name).getFirst();
    }

    /** One worker on a host of its own; PostgreSQL and Redis must listen on {@link HostNamespace#hostAddress()}. */
    WorkerProcess startWorkerIn(HostNamespace host, String name, int jobs) {
        WorkerProcess worker = WorkerProcess.start(name, db, redisPort, jobs, List.of(), host);
        workers.add(worker);
        awaitServing(worker);
        return worker;
    }

    WorkerProcess worker(String name) {
        return workers.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No worker named " + name + " among " + workers));
    }

    /** The one other worker of a two-worker fleet. */
    WorkerProcess otherThan(WorkerProcess worker) {
        List<WorkerProcess> others = workers.stream().filter(w -> w != worker).toList();
        if (others.size() != 1) {
            throw new IllegalStateException("Expected one other worker than " + worker + ": " + others);
        }
        return others.getFirst();
    }

    /** The worker will be killed on purpose: waits no longer fail when it is gone. */
    void expectDown(WorkerProcess worker) {
        expectedDown.add(worker);
    }

    /**
     * Waits for a database state. Fails at once, with the end of its log, when a worker dies that should not;
     * database errors while PostgreSQL restarts are waited out.
     */
    void until(Duration atMost, String what, Callable<Boolean> condition) {
        DataAccessException[] lastError = {null};
        try {
            await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
                for (WorkerProcess worker : workers) {
                    if (!expectedDown.contains(worker)) {
                        worker.checkAlive();
                    }
                }
                try {
                    return condition.call();
                } catch (DataAccessException e) {
                    lastError[0] = e;
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            if (lastError[0] != null) {
                e.addSuppressed(lastError[0]);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        List<Thread> stopping = workers.stream().map(w -> Thread.ofPlatform().start(w::close)).toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> left = workers.stream().filter(WorkerProcess::isAlive).map(WorkerProcess::toString).toList();
        try {
            control.close();
        } finally {
            Databases.drop(db);
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException("Worker processes left running: " + left);
        }
    }
}
