package io.facefleet.scheduler.reembed;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.ModelPackChoice;
import io.facefleet.common.pack.ModelPackException;
import io.facefleet.common.pack.ModelPacks;
import io.facefleet.scheduler.cli.ReembedCommand;
import io.facefleet.scheduler.demo.WorkerProcess;
import io.facefleet.scheduler.support.FleetWork;
import io.facefleet.scheduler.support.JobRunrJobs;
import io.facefleet.scheduler.support.SchedulerApi;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestCredentials;
import io.facefleet.scheduler.support.TestDatabase;
import io.facefleet.scheduler.support.TestWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.facefleet.scheduler.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Changing the model pack of a live library, end to end: the Obama and Hamilton clips processed and five creators
 * of the demo's photos enrolled with dev-512 by a real worker; re-embedded with dev-128, the worker killed half-way
 * and another one finishing; nothing changes before the switch; after it the database is dev-128's and the clips
 * have the same tags; then a change abandoned, and the workers that still hold dev-512.
 */
@SchedulerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelPackChangeTest {

    private static final Duration WORK = Duration.ofSeconds(240);
    private static final List<String> VIDEOS = List.of("obama_whcd_hk.mp4", "fr_short_hamilton_clip.mp4");
    private static final List<String> CREATORS = List.of("Barack_Obama", "Lin-Manuel_Miranda", "Alex_Lacamoire",
            "Joe_Biden", "Tom_Hanks");
    private static final String TAGS = """
            SELECT coalesce(string_agg(substring(v.path from '[^/]*$') || ': ' || c.name || ' (' || t.source || ')',
                                       '; ' ORDER BY v.path, c.name), 'no tags')
            FROM video_creators t JOIN videos v ON v.id = t.video_id JOIN creators c ON c.id = t.creator_id""";
    /** Everything matching reads: the tracks' vectors and matches, the creators' vectors, the pack, the thresholds. */
    private static final String MATCHING_STATE = """
            SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
              SELECT concat_ws(',', id, match_status, matched_creator_id, match_confidence, e.embedding::text) AS x
              FROM face_tracks t JOIN face_track_embeddings e ON e.track_id = t.id
              UNION ALL SELECT concat_ws(',', id, embedding::text) FROM creator_face_embeddings
              UNION ALL SELECT concat_ws(',', model_pack, embedding_dim) FROM facefleet_meta
              UNION ALL SELECT concat_ws(',', match_threshold, auto_tag_threshold) FROM face_recognition_config) s""";

    private static final Path library = temporaryFolder();
    private static DatabaseSettings database;
    private static WorkerProcess worker;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        for (String video : VIDEOS) {
            try {
                Files.copy(SchedulerApi.FIXTURES.facedata("videos/" + video), library.resolve(video));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        database = TestDatabase.create("ff_reembed", registry, () -> library, false);
        worker = TestWorker.start(database, Path.of("target", "reembed-test-worker-1.log"));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @AfterAll
    void stop() throws InterruptedException, IOException {
        try {
            if (worker != null) {
                worker.close();
            }
        } finally {
            TestDatabase.drop(database);
            for (String video : VIDEOS) {
                Files.deleteIfExists(library.resolve(video));
            }
            Files.deleteIfExists(library);
        }
    }

    @Test
    void reembeddingWithDev128AndSwitchingKeepsTheTags() throws Exception {
        SchedulerApi api = new SchedulerApi(port);
        for (String folder : CREATORS) {
            SchedulerApi.NamedBytes[] photos;
            try (Stream<Path> files = Files.list(SchedulerApi.FIXTURES.facedata("photos/" + folder))) {
                photos = files.sorted().map(file -> SchedulerApi.photo("photos/" + folder + "/" + file.getFileName()))
                        .toArray(SchedulerApi.NamedBytes[]::new);
            }
            ResponseEntity<JsonNode> created = api.postMultipart("/api/creators",
                    SchedulerApi.creatorForm(folder.replace('_', ' '), photos));
            assertThat(created.getStatusCode().is2xxSuccessful()).as(String.valueOf(created.getBody())).isTrue();
        }
        awaitWork("the clips processed and the creators enrolled", () -> idle(api)
                && jdbc.sql("SELECT count(*) FROM videos WHERE status = 'done'").query(Integer.class).single() == 2
                && jdbc.sql("SELECT count(*) FROM creator_photos WHERE status <> 'enrolled'").query(Integer.class)
                .single() == 0);
        String tagsBefore = jdbc.sql(TAGS).query(String.class).single();
        assertThat(tagsBefore).contains("obama_whcd_hk.mp4: Barack Obama (auto)",
                "fr_short_hamilton_clip.mp4: Lin-Manuel Miranda (auto)");
        String stateBefore = jdbc.sql(MATCHING_STATE).query(String.class).single();
        long tracks = jdbc.sql("SELECT count(*) FROM face_tracks").query(Long.class).single();
        long creatorFaces = jdbc.sql("SELECT count(*) FROM creator_face_embeddings").query(Long.class).single();

        assertError(start("dev-512"), HttpStatus.BAD_REQUEST, "The library already uses model pack dev-512");
        assertError(start("no-such-pack"), HttpStatus.BAD_REQUEST, "Unknown model pack 'no-such-pack'");
        assertError(api.post("/api/admin/reembed/switch"), HttpStatus.CONFLICT, "No change of model pack is under way");

        // Start the change; kill the worker once about half of it is staged.
        long started = System.nanoTime();
        ResponseEntity<JsonNode> start = start("dev-128");
        assertThat(start.getStatusCode()).as(String.valueOf(start.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(start.getBody().get("change").get("tracks").asLong()).isEqualTo(tracks);
        awaitWork("half of the library re-embedded", () -> staged() * 2 >= tracks + creatorFaces,
                Duration.ofMillis(20));
        ProcessHandle.of(worker.pid()).ifPresent(ProcessHandle::destroyForcibly);
        worker.close();
        long stagedAtKill = staged();
        List<String> stagedBeforeKill = stagedRows();
        System.out.printf(Locale.ROOT, "Worker killed with %d of %d face tracks and creator faces re-embedded%n",
                stagedAtKill, tracks + creatorFaces);
        assertThat(stagedAtKill).as("killed half-way").isLessThan(tracks + creatorFaces);
        assertError(start("dev-512"), HttpStatus.CONFLICT, "A change to model pack dev-128 is under way");
        assertError(api.post("/api/admin/reembed/switch"), HttpStatus.CONFLICT, "Not everything is re-embedded");
        assertThat(jdbc.sql(MATCHING_STATE).query(String.class).single()).isEqualTo(stateBefore);

        // Another worker picks up the killed worker's jobs (once JobRunr finds its server gone) and the rest.
        worker = TestWorker.start(database, Path.of("target", "reembed-test-worker-2.log"), "auto");
        awaitWork("the re-embedding finished", () -> api.get("/api/admin/reembed").getBody().get("change")
                .get("ready").asBoolean());
        System.out.printf(Locale.ROOT, "Re-embedded %d face tracks and %d creator faces with dev-128 in %.1f s"
                + " (a worker killed on the way)%n", tracks, creatorFaces, (System.nanoTime() - started) / 1e9);
        assertThat(api.get("/api/admin/reembed").getBody().get("change").get("tracks_not_found").asLong()).isZero();
        assertThat(stagedRows()).as("what was staged before the kill is kept, not done again")
                .containsAll(stagedBeforeKill);
        List<String> videoJobs = new java.util.ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Stream<String> lines = Files.lines(Path.of("target", "reembed-test-worker-" + i + ".log"))) {
                lines.filter(line -> line.contains("ReembedVideoJob") && line.contains("Re-embedded"))
                        .forEach(videoJobs::add);
            }
        }
        assertThat(videoJobs).as("every track found again in its frames, none from its crop").isNotEmpty()
                .allMatch(line -> line.endsWith(": 0 from their stored crop, 0 not found"));
        assertThat(jdbc.sql(MATCHING_STATE).query(String.class).single()).as("nothing changes before the switch")
                .isEqualTo(stateBefore);
        assertThat(jdbc.sql(TAGS).query(String.class).single()).isEqualTo(tagsBefore);

        String status = reembed("--status");
        assertThat(status).contains("Active model pack: dev-512 (512-d)", "face tracks    " + tracks + " of " + tracks,
                "Ready: facefleet reembed --switch makes dev-128 the active pack.");

        String switched = reembed("--switch");
        assertThat(switched).contains("Active model pack: dev-128 (128-d)", "No change of model pack under way.");
        assertThat(jdbc.sql("SELECT model_pack || '/' || embedding_dim FROM facefleet_meta").query(String.class)
                .single()).isEqualTo("dev-128/128");
        assertThat(jdbc.sql("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'face_track_embeddings'::regclass AND attname = 'embedding'").query(String.class).single())
                .isEqualTo("halfvec(128)");
        assertThat(jdbc.sql("SELECT match_threshold || '/' || auto_tag_threshold FROM face_recognition_config")
                .query(String.class).single()).isEqualTo("0.35/0.58"); // dev-128's manifest
        awaitWork("the rematches with dev-128", () -> idle(api));
        assertThat(jdbc.sql(TAGS).query(String.class).single()).isEqualTo(tagsBefore);
        System.out.println("Tags after the switch to dev-128: " + jdbc.sql(TAGS).query(String.class).single());

        // A change can be abandoned: nothing else changes, and its late jobs stage nothing anyone counts.
        String stateAfterSwitch = jdbc.sql(MATCHING_STATE).query(String.class).single();
        assertThat(start("dev-512").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(reembed("--abandon")).contains("Active model pack: dev-128 (128-d)", "No change of model pack");
        awaitWork("the abandoned change's jobs", () -> idle(api));
        assertThat(jdbc.sql(MATCHING_STATE).query(String.class).single()).isEqualTo(stateAfterSwitch);
        assertThat(jdbc.sql("SELECT string_agg(status, ',' ORDER BY id) FROM pack_changes").query(String.class)
                .single()).isEqualTo("switched,abandoned");

        // Workers: the running one still holds dev-512 and fails a video's job with the reason (JobRunr retries it)
        long obamaVideo = jdbc.sql("SELECT id FROM videos WHERE path LIKE '%obama_whcd_hk.mp4'").query(Long.class)
                .single();
        UUID reprocess = UUID.fromString(api.post("/api/videos/" + obamaVideo + "/reprocess").getBody().get("job_id")
                .asString());
        awaitWork("the old pack's worker to refuse the video", () -> new JobRunrJobs(jdbc).byId(reprocess).json()
                .contains("the database now uses dev-128 (128-d) since a switch"));
        // auto adopts the new pack on restart; a worker that names the old pack is refused with the reason.
        ModelPacks packs = ModelPacks.standard();
        assertThat(ModelPackChoice.decide(jdbc, "auto", packs).packName()).isEqualTo("dev-128");
        assertThatThrownBy(() -> ModelPackChoice.decide(jdbc, "dev-512", packs))
                .isInstanceOf(ModelPackException.class).hasMessageContaining("auto follows the new pack");
    }

    /** The staged vectors, each with its row's id. */
    private List<String> stagedRows() {
        return jdbc.sql("""
                        SELECT 'track ' || track_id || ': ' || embedding::text FROM face_track_reembeddings
                        UNION ALL SELECT 'face ' || embedding_id || ': ' || embedding::text FROM creator_face_reembeddings""")
                .query(String.class).list();
    }

    private ResponseEntity<JsonNode> start(String pack) {
        return new SchedulerApi(port).send(HttpMethod.POST, "/api/admin/reembed", "{\"pack\": \"" + pack + "\"}");
    }

    /** Face tracks and creator faces with a vector of the new pack. */
    private long staged() {
        return jdbc.sql("SELECT (SELECT count(*) FROM face_track_reembeddings)"
                + " + (SELECT count(*) FROM creator_face_reembeddings)").query(Long.class).single();
    }

    private String reembed(String option) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new CommandLine(new ReembedCommand(new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .execute(option, "--url", "http://localhost:" + port, "--token", TestCredentials.adminToken(port));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        return text;
    }

    private static boolean idle(SchedulerApi api) {
        return FleetWork.idle(api);
    }

    private void awaitWork(String what, BooleanSupplier done) {
        awaitWork(what, done, Duration.ofMillis(500));
    }

    private void awaitWork(String what, BooleanSupplier done, Duration poll) {
        FleetWork.await(worker, what, WORK, poll, done);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("facefleet-reembed-library");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
