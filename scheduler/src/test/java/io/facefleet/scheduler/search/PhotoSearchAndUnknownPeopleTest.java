package io.facefleet.scheduler.search;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.Role;
import io.facefleet.common.store.UnknownPeopleStore;
import io.facefleet.scheduler.demo.WorkerProcess;
import io.facefleet.scheduler.cli.SearchCommand;
import io.facefleet.scheduler.security.ApiTokens;
import io.facefleet.scheduler.support.FleetWork;
import io.facefleet.scheduler.support.TestCredentials;
import io.facefleet.scheduler.support.Browser;
import io.facefleet.scheduler.support.SchedulerApi;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestDatabase;
import io.facefleet.scheduler.support.TestWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.facefleet.scheduler.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search by photo and the unknown people, end to end: the scheduler, a real worker process (dev-512) and the sample
 * videos of Obama and of the Hamilton clip, processed with nobody enrolled. The tests build on each other in order.
 */
@SchedulerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhotoSearchAndUnknownPeopleTest {

    private static final Duration WORK = Duration.ofSeconds(240);
    private static final String OBAMA_VIDEO = "obama_whcd_hk.mp4";
    private static final String HAMILTON_VIDEO = "fr_short_hamilton_clip.mp4";
    /** The clip again, as a library holds a re-upload: each of its people is seen in two videos. */
    private static final String HAMILTON_COPY = "hamilton-again.mp4";

    private static final Path library = temporaryFolder();
    private static DatabaseSettings database;
    private static WorkerProcess worker;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        copy(OBAMA_VIDEO);
        copy(HAMILTON_VIDEO);
        try {
            Files.copy(library.resolve(HAMILTON_VIDEO), library.resolve(HAMILTON_COPY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = TestDatabase.create("ff_search", registry, () -> library, false);
        worker = TestWorker.start(database, Path.of("target", "search-test-worker.log"));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    UnknownPeopleStore people;

    private SchedulerApi api;
    /** The creator named after the largest unknown person, and that person's tracks. */
    private long namedCreator;
    private List<Long> namedTracks;

    @BeforeAll
    void processTheVideos() {
        api = new SchedulerApi(port);
        awaitWork("both videos processed and their unknown faces grouped", () -> {
            JsonNode videos = api.get("/api/videos?limit=10").getBody();
            boolean done = videos.get("total").asInt() == 3;
            for (JsonNode video : videos.get("items")) {
                done &= "done".equals(video.get("status").asString());
            }
            return done && idle();
        });
    }

    @AfterAll
    void stop() throws InterruptedException, IOException {
        try {
            if (worker != null) {
                worker.close();
            }
        } finally {
            TestDatabase.drop(database);
            Files.deleteIfExists(library.resolve(OBAMA_VIDEO));
            Files.deleteIfExists(library.resolve(HAMILTON_VIDEO));
            Files.deleteIfExists(library.resolve(HAMILTON_COPY));
            Files.deleteIfExists(library);
        }
    }

    @Test
    @Order(1)
    void obamasPhotoFindsHisVideoFirstWithNobodyEnrolled() {
        JsonNode result = search("photos/Barack_Obama/fr_obama.jpg", null);

        JsonNode first = result.get("items").get(0);
        assertThat(first.get("path").asString()).endsWith(OBAMA_VIDEO);
        assertThat(first.get("best_similarity").floatValue()).isGreaterThan(result.get("min_similarity").floatValue());
        JsonNode moment = first.get("moments").get(0);
        assertThat(moment.get("first_seen_seconds").asDouble()).isLessThanOrEqualTo(moment.get("last_seen_seconds").asDouble());
        assertThat(moment.get("last_seen_seconds").asDouble()).isGreaterThan(3); // he speaks throughout the clip
        assertThat(moment.get("status").asString()).isEqualTo("unmatched");
        assertThat(moment.get("creator_id").isNull()).isTrue();
        assertThat(api.getText(moment.get("crop_url").asString()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(result.get("face").size()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM photo_searches").query(Integer.class).single())
                .as("nothing of a search is kept").isZero();
    }

    @Test
    @Order(2)
    void linManuelMirandasPhotoFindsTheHamiltonClip() {
        JsonNode result = search("photos/Lin-Manuel_Miranda/fr_lin-manuel-miranda.png", null);

        assertThat(result.get("items").get(0).get("path").asString()).endsWith(HAMILTON_VIDEO);
        assertThat(result.get("items").get(0).get("moments").size()).isPositive();
    }

    @Test
    @Order(3)
    void aStrangersPhotoFindsNothingAboveTheMatchThreshold() {
        String stranger = "photos/Tom_Hanks/if_Tom_Hanks_54745.png";
        JsonNode result = search(stranger, null);
        assertThat(result.get("items").size()).isZero();
        assertThat(result.get("total").asInt()).isZero();
        assertThat(result.get("min_similarity").floatValue()).isEqualTo(0.35f); // dev-512's match threshold

        // the faces are there, only too far: with no floor the same search lists them
        JsonNode anything = search(stranger, "-1");
        assertThat(anything.get("items").size()).isEqualTo(3);
        assertThat(anything.get("items").get(0).get("best_similarity").floatValue()).isLessThan(0.35f);
    }

    @Test
    @Order(4)
    void aPhotoWithoutAFaceOrNoPhotoIsRefusedAndViewersMayNotSearch() {
        assertError(api.postMultipart("/api/search", form("negatives/if_view_noface.jpg", null)),
                HttpStatus.BAD_REQUEST, "No face found in the photo");
        assertError(api.postMultipart("/api/search", new LinkedMultiValueMap<>()), HttpStatus.BAD_REQUEST,
                "Send a photo of a face in the multipart field 'file'");
        assertError(api.postMultipart("/api/search", form("photos/Barack_Obama/fr_obama.jpg", "2")),
                HttpStatus.BAD_REQUEST, "'min_similarity' must be between -1 and 1");

        SchedulerApi viewer = new SchedulerApi(port, tokens.create("search test viewer", Role.VIEWER).token());
        assertThat(viewer.postMultipart("/api/search", form("photos/Barack_Obama/fr_obama.jpg", null))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        SchedulerApi reviewer = new SchedulerApi(port, tokens.create("search test reviewer", Role.REVIEWER).token());
        assertThat(reviewer.postMultipart("/api/search", form("photos/Barack_Obama/fr_obama.jpg", null))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @Order(5)
    void facefleetSearchPrintsTheSameFromTheCommandLine() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new CommandLine(new SearchCommand(new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .execute(SchedulerApi.FIXTURES.facedata("photos/Barack_Obama/fr_obama.jpg").toString(),
                        "--url", "http://localhost:" + port, "--token", TestCredentials.adminToken(port), "--limit", "1");
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("1 videos with the face of fr_obama.jpg", OBAMA_VIDEO, "not enrolled",
                "/api/tracks/");
        assertThat(text).doesNotContain(HAMILTON_VIDEO);
    }

    /**
     * The unmatched face tracks of the clips, grouped with nobody enrolled: no cluster mixes two people, by the
     * labels below, given by looking at every track's crop (written to target/unknown-people/CLUSTER/ by this
     * test, to look again). A track is named by its video and its first sighting's time and box centre.
     */
    @Test
    @Order(6)
    void theUnknownPeopleOfTheClipsMixNoTwoPeople() throws IOException {
        FileSystemUtils.deleteRecursively(Path.of("target", "unknown-people")); // an earlier run's clusters
        Path all = Path.of("target", "unknown-people", "all");
        Files.createDirectories(all);
        for (Map<String, Object> track : jdbc.sql("""
                        SELECT id, det_score, bbox[3] - bbox[1] AS width, sightings FROM face_tracks
                        WHERE match_status = 'unmatched' ORDER BY id""").query().listOfRows()) {
            long id = ((Number) track.get("id")).longValue();
            Files.write(all.resolve(String.format(java.util.Locale.ROOT, "%s_s%.2f_w%.0f_n%s.jpg",
                    key(id).replace('/', '_'), ((Number) track.get("det_score")).floatValue(),
                    ((Number) track.get("width")).floatValue(), track.get("sightings"))),
                    jdbc.sql("SELECT crop_jpeg FROM face_tracks WHERE id = ?").param(id).query(byte[].class).single());
        }
        JsonNode people = api.get("/api/unknown-people?limit=200").getBody();
        assertThat(people.get("total").asInt()).isPositive();
        Path crops = Path.of("target", "unknown-people");
        List<String> report = new ArrayList<>();
        for (JsonNode person : people.get("items")) {
            long id = person.get("id").asLong();
            JsonNode tracks = api.get("/api/unknown-people/" + id + "/tracks?limit=200").getBody();
            assertThat(tracks.get("total").asInt()).isEqualTo(person.get("appearances").asInt());
            Map<String, Integer> who = new HashMap<>();
            for (JsonNode track : tracks.get("items")) {
                String key = key(track.get("track_id").asLong());
                who.merge(label(track.get("track_id").asLong()), 1, Integer::sum);
                Path file = crops.resolve(Long.toString(id)).resolve(key.replace('/', '_') + ".jpg");
                Files.createDirectories(file.getParent());
                Files.write(file, jdbc.sql("SELECT crop_jpeg FROM face_tracks WHERE id = ?")
                        .param(track.get("track_id").asLong()).query(byte[].class).single());
            }
            report.add("unknown person " + id + ": " + who);
        }
        System.out.println(String.join("\n", report));
        for (String line : report) {
            assertThat(line).doesNotContain("unlabelled").matches("unknown person \\d+: \\{[^,]+=\\d+}");
        }
    }

    /** The dashboard's two pages in headless Chromium (screenshots in target/screenshots): cheap, the data is here. */
    @Test
    @Order(7)
    void theDashboardSearchesByPhotoAndListsTheUnknownPeople() {
        try (Browser browser = Browser.start("http://localhost:" + port,
                Path.of(System.getProperty("facefleet.screenshots", "target/screenshots")))) {
            browser.signIn("admin", TestCredentials.ADMIN_PASSWORD);
            browser.open("search");
            browser.find("#search-photo").sendKeys(SchedulerApi.FIXTURES.facedata("photos/Barack_Obama/fr_obama.jpg")
                    .toString());
            browser.find("#search-button").click();
            WebElement first = browser.waitFor(Duration.ofSeconds(60), "the search's results",
                    d -> d.findElement(By.cssSelector(".search-hit")));
            assertThat(first.getText()).contains(OBAMA_VIDEO, "not enrolled");
            browser.waitFor(Duration.ofSeconds(15), "the first video's crops",
                    d -> browser.imagesLoaded(".search-hit:first-of-type img.crop"));
            assertThat(browser.find("#enrol-button").getText()).isEqualTo("Enrol this person");
            browser.screenshot("search");

            browser.open("unknown-people");
            WebElement person = browser.waitFor(Duration.ofSeconds(15), "an unknown person",
                    d -> d.findElement(By.cssSelector(".unknown-person")));
            assertThat(person.getText()).contains("Unknown person #", "appearance", HAMILTON_VIDEO.substring(0, 8));
            browser.waitFor(Duration.ofSeconds(15), "the first unknown person's crops", // the others load when scrolled to
                    d -> browser.imagesLoaded(".unknown-person:first-child img.crop"));
            browser.screenshot("unknown-people");
        }
    }

    @Test
    @Order(8)
    void namingTheLargestUnknownPersonEnrolsThemAndTagsTheirVideos() {
        JsonNode largest = api.get("/api/unknown-people?limit=1").getBody().get("items").get(0);
        long id = largest.get("id").asLong();
        String name = label(api.get("/api/unknown-people/" + id + "/tracks?limit=1").getBody()
                .get("items").get(0).get("track_id").asLong());
        assertThat(api.send(HttpMethod.POST, "/api/unknown-people/" + id + "/name", "{}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        namedTracks = trackIds(largest);

        ResponseEntity<JsonNode> named = api.send(HttpMethod.POST, "/api/unknown-people/" + id + "/name",
                "{\"name\": \"" + name + "\"}");
        assertThat(named.getStatusCode()).as(String.valueOf(named.getBody())).isEqualTo(HttpStatus.OK);
        long creator = named.getBody().get("creator_id").asLong();
        namedCreator = creator;
        assertThat(named.getBody().get("track_ids").size())
                .isEqualTo(Math.min(5, largest.get("appearances").asInt()));
        awaitWork("the rematch of " + name, this::idle);

        JsonNode shown = api.get("/api/creators/" + creator).getBody();
        assertThat(shown.get("name").asString()).isEqualTo(name);
        assertThat(shown.get("embedding_count").asInt()).isEqualTo(named.getBody().get("track_ids").size());
        JsonNode tagged = api.get("/api/videos?creator=" + creator).getBody();
        assertThat(tagged.get("total").asInt()).as("videos tagged " + name).isEqualTo(largest.get("video_count").asInt());
        assertThat(api.get("/api/unknown-people/" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertError(api.send(HttpMethod.POST, "/api/unknown-people/" + id + "/ignore", "{}"), HttpStatus.NOT_FOUND,
                "No unknown person with id " + id);
    }

    @Test
    @Order(9)
    void twoClustersOfOnePersonMergeAndAnIgnoredOneLeavesTheList() {
        List<Long> unmatched = jdbc.sql("""
                        SELECT id FROM face_tracks WHERE match_status = 'unmatched'
                          AND id NOT IN (SELECT track_id FROM unknown_person_tracks) ORDER BY id LIMIT 3""")
                .query(Long.class).list();
        assertThat(unmatched).hasSize(3);
        long first = people.create();
        people.join(first, unmatched.subList(0, 2));
        long second = people.create();
        people.join(second, unmatched.subList(2, 3));

        ResponseEntity<JsonNode> merged = api.send(HttpMethod.POST, "/api/unknown-people/" + second + "/merge",
                "{\"into\": " + first + "}");
        assertThat(merged.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(merged.getBody().get("appearances").asInt()).isEqualTo(3);
        assertThat(api.get("/api/unknown-people/" + second).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertError(api.send(HttpMethod.POST, "/api/unknown-people/" + first + "/merge", "{\"into\": " + first + "}"),
                HttpStatus.BAD_REQUEST, "cannot be merged into itself");

        assertThat(api.send(HttpMethod.POST, "/api/unknown-people/" + first + "/ignore", "{\"ignored\": true}")
                .getBody().get("ignored").asBoolean()).isTrue();
        assertThat(ids(api.get("/api/unknown-people").getBody())).doesNotContain(first);
        assertThat(ids(api.get("/api/unknown-people?ignored=true").getBody())).contains(first);
        SchedulerApi viewer = new SchedulerApi(port, tokens.create("unknown people viewer", Role.VIEWER).token());
        assertThat(viewer.send(HttpMethod.POST, "/api/unknown-people/" + first + "/ignore", "{\"ignored\": false}")
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(ids(viewer.get("/api/unknown-people?ignored=true").getBody())).contains(first);
    }

    @Test
    @Order(11)
    void deletingTheNamedCreatorGivesTheirFacesBackToTheUnknownPeople() {
        assertThat(api.delete("/api/creators/" + namedCreator).getStatusCode().is2xxSuccessful())
                .isTrue();
        awaitWork("their faces clustered again", () -> idle() && jdbc.sql(
                        "SELECT count(*) FROM unknown_person_tracks WHERE track_id = ANY(?)")
                .param(namedTracks.toArray(Long[]::new)).query(Integer.class).single() == namedTracks.size());
        assertThat(jdbc.sql("SELECT DISTINCT person_id FROM unknown_person_tracks WHERE track_id = ANY(?)")
                .param(namedTracks.toArray(Long[]::new)).query(Long.class).list()).as("one person again").hasSize(1);
    }

    private List<Long> trackIds(JsonNode person) {
        List<Long> ids = new ArrayList<>();
        api.get("/api/unknown-people/" + person.get("id").asLong() + "/tracks?limit=200").getBody().get("items")
                .forEach(item -> ids.add(item.get("track_id").asLong()));
        assertThat(ids).hasSize(person.get("appearances").asInt());
        return ids;
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private String label(long trackId) {
        return LABELS.getOrDefault(key(trackId), "unlabelled " + key(trackId));
    }

    @Test
    @Order(10)
    void obamasPhotoStillFindsHisVideoFirstOnceHeIsEnrolled() {
        ResponseEntity<JsonNode> created = api.postMultipart("/api/creators",
                SchedulerApi.creatorForm("Barack Obama", SchedulerApi.photo("photos/Barack_Obama/fr_obama2.jpg")));
        assertThat(created.getStatusCode().is2xxSuccessful()).isTrue();
        long obama = created.getBody().get("creator_id").asLong();
        awaitWork("Obama enrolled and his video tagged", () -> idle()
                && api.get("/api/videos?creator=" + obama).getBody().get("total").asInt() >= 1);

        JsonNode first = search("photos/Barack_Obama/fr_obama.jpg", null).get("items").get(0);
        assertThat(first.get("path").asString()).endsWith(OBAMA_VIDEO);
        JsonNode moment = first.get("moments").get(0);
        assertThat(moment.get("creator_id").asLong()).isEqualTo(obama);
        assertThat(moment.get("creator_name").asString()).isEqualTo("Barack Obama");
        assertThat(moment.get("status").asString()).isEqualTo("matched");
    }

    /**
     * Who each unmatched track of the clips is, by {@link #key}: labels given by looking at the crops (both copies of
     * the Hamilton clip alike). The six dark audience faces cannot be told apart by eye either: each is its own label.
     */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("hamilton@0.6/540,80", "Lin-Manuel Miranda"),
            Map.entry("hamilton@2.9/190,120", "Lin-Manuel Miranda"),
            Map.entry("hamilton@4.0/280,90", "Lin-Manuel Miranda"),
            Map.entry("hamilton@0.6/60,200", "bearded man with long hair facing the stage"),
            Map.entry("hamilton@7.4/350,90", "Barack Obama"),
            Map.entry("hamilton@7.4/420,130", "Michelle Obama"),
            Map.entry("hamilton@7.4/190,130", "older woman laughing"),
            Map.entry("hamilton@7.4/80,100", "smiling man in the audience"),
            Map.entry("hamilton@1.7/220,110", "dark audience face 1"),
            Map.entry("hamilton@1.7/330,200", "dark audience face 2"),
            Map.entry("hamilton@1.7/430,200", "dark audience face 3"),
            Map.entry("hamilton@1.7/490,170", "dark audience face 4"),
            Map.entry("hamilton@7.4/50,60", "dark audience face 5"),
            Map.entry("hamilton@7.4/610,90", "dark audience face 6"),
            Map.entry("obama@0.3/450,140", "Barack Obama"));

    /** A track by its clip, its first sighting's time and its best face's box centre (to 10 px). */
    private String key(long trackId) {
        return jdbc.sql("""
                        SELECT v.path, t.first_seen_seconds, t.bbox FROM face_tracks t JOIN videos v ON v.id = t.video_id
                        WHERE t.id = ?""")
                .param(trackId)
                .query((rs, n) -> {
                    Float[] box = (Float[]) rs.getArray("bbox").getArray();
                    String video = rs.getString("path").endsWith(OBAMA_VIDEO) ? "obama" : "hamilton";
                    return String.format(java.util.Locale.ROOT, "%s@%.1f/%d,%d", video, rs.getDouble("first_seen_seconds"),
                            Math.round((box[0] + box[2]) / 20) * 10, Math.round((box[1] + box[3]) / 20) * 10);
                })
                .single();
    }

    private JsonNode search(String facedataPath, String minSimilarity) {
        ResponseEntity<JsonNode> response = api.postMultipart("/api/search", form(facedataPath, minSimilarity));
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static MultiValueMap<String, Object> form(String facedataPath, String minSimilarity) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", SchedulerApi.photo(facedataPath));
        if (minSimilarity != null) {
            form.add("min_similarity", minSimilarity);
        }
        return form;
    }

    /** No job waits or runs: the grouping of unknown faces and any rematch are done. */
    private boolean idle() {
        return FleetWork.idle(api);
    }

    private void awaitWork(String what, BooleanSupplier done) {
        FleetWork.await(worker, what, WORK, Duration.ofMillis(500), done);
    }

    private static void copy(String video) {
        try {
            Files.copy(SchedulerApi.FIXTURES.facedata("videos/" + video), library.resolve(video));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("facefleet-search-library");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
