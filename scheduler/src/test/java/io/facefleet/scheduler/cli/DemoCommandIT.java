package io.facefleet.scheduler.cli;

import io.facefleet.common.Fixtures;
import io.facefleet.common.app.JavaCommand;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.scheduler.support.DashboardSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code facefleet demo --stay} as a user runs it, from the packaged jar: each option it is given is read back from
 * what runs (the library and photos it was pointed at are what it tagged, the worker's JVM has the --java-option,
 * the printed password signs in, the database is kept and listed by --list-kept), and a SIGTERM ends it together
 * with its worker process.
 */
class DemoCommandIT {

    private static final Path SCHEDULER_JAR = Path.of(System.getProperty("facefleet.scheduler.jar",
            "target/facefleet-scheduler.jar")).toAbsolutePath();
    private static final Path WORKER_JAR = Path.of(System.getProperty("facefleet.worker-jar",
            "../worker/target/facefleet-worker.jar")).toAbsolutePath().normalize();
    private static final Pattern DATABASE = Pattern.compile("^Database (facefleet_demo\\w+) on ");
    private static final Pattern DASHBOARD = Pattern.compile(
            "^Dashboard http://localhost:(\\d+)/ \\(sign in as admin, password (\\S+);.* worker pid (\\d+);");

    @TempDir
    Path folder;
    private Process demo;
    private String database;

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            demo.destroyForcibly().waitFor();
        }
        if (database != null) {
            Databases.drop(DatabaseSettings.fromEnvironment().withDatabase(database));
        }
    }

    @Test
    void staysWithWhatItWasGivenUntilSigtermAndTakesItsWorkerAlong() throws Exception {
        Path photos = person("Barack_Obama", "fr_obama.jpg");
        person("Joe_Biden", "fr_biden.jpg");
        Path videos = Files.createDirectories(folder.resolve("videos"));
        Files.copy(Fixtures.locate().facedata("videos/obama_whcd_hk.mp4"), videos.resolve("obama_whcd_hk.mp4"));

        BlockingQueue<String> output = start(List.of("demo", "--worker-jar", WORKER_JAR.toString(),
                "--photos", photos.toString(), "--videos", videos.toString(), "--stay", "--timeout", "PT6M",
                "--java-option=-Xmx900m"));

        database = line(output, DATABASE).group(1);
        Matcher dashboard = line(output, DASHBOARD);
        int port = Integer.parseInt(dashboard.group(1));
        long workerPid = Long.parseLong(dashboard.group(3));
        assertThat(ProcessHandle.of(workerPid).flatMap(p -> p.info().arguments()).map(List::of).orElseThrow())
                .as("the worker's JVM options").contains("-Xmx900m");

        String report = line(output, Pattern.compile("^obama_whcd_hk\\.mp4 .*")).group();
        assertThat(report).contains("done", "Barack Obama").doesNotContain("Joe Biden");
        line(output, Pattern.compile("^1 videos, 2 of 2 creators enrolled"));
        line(output, Pattern.compile("^The dashboard stays at http://localhost:" + port + "/"));

        DashboardSession session = new DashboardSession(port);
        assertThat(session.get("/api/videos").statusCode()).as("nothing open without signing in").isEqualTo(401);
        assertThat(session.signIn("admin", dashboard.group(2)).statusCode()).isEqualTo(204);
        assertThat(session.get("/api/videos").body()).contains("obama_whcd_hk.mp4", "Barack Obama");
        assertThat(tagged()).containsExactly("Barack Obama");

        demo.destroy(); // SIGTERM, as a service manager or kill sends it
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ends").isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(workerPid).isEmpty()
                || !ProcessHandle.of(workerPid).get().isAlive());

        assertThat(tagged()).as("--stay keeps the database").containsExactly("Barack Obama");
        Process list = new ProcessBuilder(JavaCommand.forJar(SCHEDULER_JAR, List.of(), List.of("demo", "--worker-jar",
                WORKER_JAR.toString(), "--list-kept"))).redirectErrorStream(true).start();
        String kept = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor()).isZero();
        assertThat(kept.lines()).contains(database);
    }

    private Path person(String name, String photo) throws IOException {
        Path photos = folder.resolve("photos");
        Files.createDirectories(photos.resolve(name));
        Files.copy(Fixtures.locate().facedata("photos/" + name + "/" + photo), photos.resolve(name).resolve(photo));
        return photos;
    }

    private BlockingQueue<String> start(List<String> arguments) throws IOException {
        assertThat(SCHEDULER_JAR).as("the packaged scheduler (mvn verify builds it)").isRegularFile();
        ProcessBuilder builder = new ProcessBuilder(JavaCommand.forJar(SCHEDULER_JAR, List.of(), arguments))
                .redirectErrorStream(true).directory(folder.toFile());
        builder.environment().put("FACEFLEET_FIXTURES", Fixtures.locate().root().toString());
        demo = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                    StandardCharsets.UTF_8))) {
                reader.lines().forEach(line -> {
                    System.out.println("demo> " + line);
                    lines.add(line);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return lines;
    }

    /** The next line of the demo's output that matches, waiting up to the demo's own timeout. */
    private Matcher line(BlockingQueue<String> output, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            } else if (!demo.isAlive() && output.isEmpty()) {
                throw new AssertionError("The demo exited (" + demo.exitValue() + ") without printing " + pattern);
            }
        }
        throw new AssertionError("No line matching " + pattern + " in 6 minutes");
    }

    private List<String> tagged() {
        DatabaseSettings db = DatabaseSettings.fromEnvironment().withDatabase(database);
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.jdbcUrl(), db.user(), db.password()));
        return jdbc.sql("""
                SELECT c.name FROM video_creators vc JOIN creators c ON c.id = vc.creator_id
                JOIN videos v ON v.id = vc.video_id WHERE v.path LIKE '%obama_whcd_hk.mp4'""")
                .query(String.class).list();
    }
}
