package io.facefleet.scheduler.cli;

import io.facefleet.common.app.FreePort;
import io.facefleet.common.Fixtures;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.VideoStore;
import io.facefleet.common.store.read.CreatorQueries;
import io.facefleet.common.store.read.VideoQueries;
import io.facefleet.common.store.Role;
import io.facefleet.scheduler.SchedulerApplication;
import io.facefleet.scheduler.demo.DemoCreators;
import io.facefleet.scheduler.demo.DemoProgress;
import io.facefleet.scheduler.demo.DemoReport;
import io.facefleet.scheduler.demo.WorkerProcess;
import io.facefleet.scheduler.security.ApiTokens;
import io.facefleet.scheduler.security.BearerTokens;
import org.springframework.context.ConfigurableApplicationContext;
import org.jobrunr.storage.StorageProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline on one machine: a database of its own, the scheduler watching the videos"
                + " folder, one worker process, creators enrolled from a folder of photos (one sub-folder per person,"
                + " underscores read as spaces). Waits until every job is done and prints each video's creators.",
                "Needs PostgreSQL with pgvector and Redis (facefleet services up)."})
public final class DemoCommand implements Callable<Integer> {

    static final String DATABASE_PREFIX = "facefleet_demo";

    @Option(names = "--photos", paramLabel = "DIR", description = "Default: facedata/photos in the fixtures.")
    Path photos;

    @Option(names = "--videos", paramLabel = "DIR", description = "Default: facedata/videos in the fixtures.")
    Path videos;

    @Option(names = "--worker-jar", paramLabel = "JAR", required = true, description = "The worker's jar.")
    Path workerJar;

    @Option(names = "--java-option", paramLabel = "OPT", description = "Passed to the worker's JVM.")
    List<String> javaOptions = List.of();

    @Option(names = "--keep-database", description = "Keep the demo's database afterwards (it is dropped by default).")
    boolean keepDatabase;

    @Option(names = "--stay", description = "Afterwards keep the scheduler (the dashboard) and the worker running"
            + " until Ctrl-C, and the database.")
    boolean stay;

    @Option(names = "--list-kept", description = "List the databases earlier demos kept (--stay, --keep-database)"
            + " and exit.")
    boolean listKept;

    @Option(names = "--drop-kept", description = "Drop the databases earlier demos kept, and exit.")
    boolean dropKept;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT20M",
            description = "Give up after this long (ISO-8601). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (listKept || dropKept) {
            return keptDatabases();
        }
        Fixtures fixtures = Fixtures.locate();
        Path photoFolder = (photos != null ? photos : fixtures.facedata("photos")).toAbsolutePath();
        Path videoFolder = (videos != null ? videos : fixtures.facedata("videos")).toAbsolutePath();
        require(Files.isDirectory(photoFolder), "No photos folder at " + photoFolder);
        require(Files.isDirectory(videoFolder), "No videos folder at " + videoFolder);
        require(Files.isRegularFile(workerJar), "No worker jar at " + workerJar);

        DatabaseSettings db = Databases.createFresh(DatabaseSettings.fromEnvironment(), DATABASE_PREFIX);
        System.out.println("Database " + db.database() + " on " + db.host() + ":" + db.port());
        int port = FreePort.any();
        int dashboardPort = FreePort.any();
        Path logs = Files.createDirectories(Path.of(".facefleet", "demo", db.database()));
        // The demo's own credentials, made up for this run: nothing to type, nothing left open.
        String adminPassword = BearerTokens.generate().substring(3, 23);
        String jobRunrPassword = BearerTokens.generate().substring(3, 23);
        try (ConfigurableApplicationContext scheduler = SchedulerApplication.start(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--server.port=" + port,
                "--facefleet.security.admin-password=" + adminPassword,
                "--jobrunr.dashboard.port=" + dashboardPort,
                "--jobrunr.dashboard.password=" + jobRunrPassword,
                "--facefleet.library.roots=" + videoFolder,
                "--spring.main.banner-mode=off",
                "--logging.file.name=" + logs.resolve("scheduler.log"),
                "--logging.level.root=WARN", "--logging.level.org.flywaydb=ERROR");
             WorkerProcess worker = WorkerProcess.start(workerJar, javaOptions, db, FreePort.any(),
                     logs.resolve("worker.log"))) {
            System.out.printf("Dashboard http://localhost:%d/ (sign in as admin, password %s; REST API under /api;"
                    + " JobRunr's dashboard http://localhost:%d/dashboard, admin / %s), worker pid %d; logs in %s%n",
                    port, adminPassword, dashboardPort, jobRunrPassword, worker.pid(), logs);
            String token = scheduler.getBean(ApiTokens.class).create("demo", Role.ADMIN).token();
            int enrolled = new DemoCreators("http://localhost:" + port, token).enrolAll(photoFolder);
            System.out.printf("%d creators sent for enrolment from %s%n", enrolled, photoFolder);
            new DemoProgress(scheduler.getBean(StorageProvider.class), scheduler.getBean(VideoStore.class), worker)
                    .awaitIdle(timeout);
            new DemoReport(scheduler.getBean(VideoQueries.class), scheduler.getBean(CreatorQueries.class),
                    scheduler.getBean(CreatorStore.class)).print(System.out);
            if (stay) {
                System.out.printf("The dashboard stays at http://localhost:%d/ (admin, password %s) until Ctrl-C"
                        + " (database %s is kept)%n", port, adminPassword, db.database());
                // Ctrl-C or a kill ends this JVM without leaving the try: its worker process must go with it.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        worker.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                new CountDownLatch(1).await();
            }
        } finally {
            if (keepDatabase || stay) {
                System.out.println("Kept database " + db.database() + " (FACEFLEET_DB_NAME=" + db.database() + ")");
            } else {
                Databases.drop(db);
            }
        }
        return 0;
    }

    private int keptDatabases() {
        DatabaseSettings server = DatabaseSettings.fromEnvironment();
        List<String> kept = Databases.named(server, DATABASE_PREFIX);
        for (String name : kept) {
            if (dropKept) {
                Databases.drop(server.withDatabase(name));
            }
            System.out.println((dropKept ? "Dropped " : "") + name);
        }
        if (kept.isEmpty()) {
            System.out.println("No demo databases on " + server.host() + ":" + server.port());
        }
        return 0;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
