package io.facefleet.scheduler.dashboard;

import io.facefleet.common.app.FreePort;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.scheduler.demo.WorkerProcess;
import io.facefleet.scheduler.support.Browser;
import io.facefleet.scheduler.support.SchedulerApi;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestCredentials;
import io.facefleet.scheduler.support.TestDatabase;
import io.facefleet.scheduler.support.TestWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium, against the running scheduler, a real worker process (the worker jar,
 * dev-512 models) and a database of the class's own: adding creators through the page's file input, a photo
 * without a face, the settings, a video processed and shown, the review queue by keyboard and by button, the fleet.
 * The tests build on each other in order. Screenshots of every page, at desktop and at phone width, go to
 * target/screenshots.
 */
@SchedulerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Duration WORK = Duration.ofSeconds(120);
    private static final Duration UI = Duration.ofSeconds(15);
    private static final String VIDEO = "obama_whcd_hk.mp4";
    /** Obama speaks throughout his clip: one face track a copy, so five copies give the review queue five entries. */
    private static final List<String> COPIES = List.of(VIDEO, "obama-speech-2.mp4", "obama-speech-3.mp4",
            "obama-speech-4.mp4", "obama-speech-5.mp4");
    private static final String BROKEN = "notes.mp4";

    /** Not a @TempDir: with one test instance per class, Spring starts before JUnit would fill that in. */
    private static final Path library = temporaryFolder();
    private static DatabaseSettings database;
    private static int jobRunrPort;

    private static WorkerProcess worker;

    /**
     * The worker starts with the scheduler, not after it, to save the better part of its start-up time: both migrate
     * the new database (Flyway and JobRunr lock their migrations) for the same model pack.
     */
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_dashboard", registry, () -> library, false);
        worker = TestWorker.start(database, Path.of("target", "dashboard-test-worker.log"));
        jobRunrPort = FreePort.any();
        registry.add("jobrunr.dashboard.enabled", () -> true);
        registry.add("jobrunr.dashboard.port", () -> jobRunrPort);
        // The rematch a confirmation schedules comes after the class is done, or it could settle the copies of the
        // face the review test is still deciding on.
        registry.add("facefleet.review.rematch-window", () -> "PT1H");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConfigStore config;

    private Browser browser;
    private long obama;
    private int faces;
    private long confirmedVideo;

    @BeforeAll
    void startBrowser() {
        browser = Browser.start("http://localhost:" + port,
                Path.of(System.getProperty("facefleet.screenshots", "target/screenshots")));
        browser.signIn("admin", TestCredentials.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() throws InterruptedException, IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (worker != null) {
                worker.close();
            }
            Databases.drop(database);
            for (String copy : COPIES) {
                Files.deleteIfExists(library.resolve(copy));
            }
            Files.deleteIfExists(library.resolve(BROKEN));
            Files.deleteIfExists(library);
        }
    }

    @Test
    @Order(1)
    void addsACreatorWithAPhotoAndFollowsTheEnrolmentUntilItIsDone() {
        browser.open("creators");
        assertThat(browser.find("#creator-grid").getText()).contains("No creators yet");

        browser.find("#new-creator-name").sendKeys("Barack Obama");
        browser.find("#new-creator-photos").sendKeys(photo("photos/Barack_Obama/fr_obama.jpg"));
        assertThat(browser.find(".add-creator ul.chosen").getText()).contains("fr_obama.jpg");
        browser.find("#add-creator-button").click();

        WebElement enrolment = browser.waitFor(UI, "the enrolment card", d -> d.findElement(By.cssSelector(".enrolment")));
        awaitWork("the enrolment to finish", () -> !"running".equals(enrolment.getDomAttribute("data-state")));
        assertThat(enrolment.getDomAttribute("data-state")).isEqualTo("done");
        assertThat(enrolment.getText()).contains("Enrolled Barack Obama", "1 photo enrolled");
        obama = jdbc.sql("SELECT id FROM creators WHERE name = 'Barack Obama'").query(Long.class).single();
        assertThat(jdbc.sql("SELECT count(*) FROM creator_face_embeddings WHERE creator_id = ? AND crop_jpeg IS NOT NULL")
                .param(obama).query(Integer.class).single()).isEqualTo(1);

        String card = ".creator-card[data-creator-id='" + obama + "']";
        browser.waitFor(UI, "Obama's card with his face", d -> browser.imagesLoaded(card + " img.crop"));
        assertThat(browser.find(card).getText()).contains("Barack Obama", "0 videos", "1 face");
    }

    @Test
    @Order(2)
    void aPhotoWithoutAFaceIsExplained() {
        browser.open("creators");
        browser.find("#new-creator-name").sendKeys("Landscape Fan");
        browser.find("#new-creator-photos").sendKeys(photo("negatives/if_view_noface.jpg"));
        browser.find("#add-creator-button").click();

        WebElement enrolment = browser.waitFor(UI, "the enrolment card", d -> d.findElement(By.cssSelector(".enrolment")));
        awaitWork("the enrolment to finish", () -> !"running".equals(enrolment.getDomAttribute("data-state")));
        assertThat(enrolment.getDomAttribute("data-state")).isEqualTo("failed");
        assertThat(enrolment.findElement(By.cssSelector(".no-face")).getText())
                .contains("No face found in this photo: if_view_noface.jpg", "Nothing was enrolled", "clearly visible");
        assertThat(jdbc.sql("""
                        SELECT p.status || ': ' || p.error FROM creator_photos p JOIN creators c ON c.id = p.creator_id
                        WHERE c.name = 'Landscape Fan'""").query(String.class).single())
                .isEqualTo("no_face: No face found in if_view_noface.jpg");
        browser.screenshot("creators-enrolment");
    }

    @Test
    @Order(3)
    void changesTheSettingsAndShowsWhyAnInvalidOneIsRefused() {
        browser.open("settings");
        RecognitionConfig before = config.get();
        setField("#setting-match_threshold", "0.7");
        browser.find("#save-settings").click();
        browser.waitFor(UI, "the refusal", d -> !browser.find("#settings-error").getText().isEmpty());
        assertThat(browser.find("#settings-error").getText()).isEqualTo("match_threshold must not exceed auto_tag_threshold");
        assertThat(browser.find("#setting-match_threshold").getDomAttribute("aria-invalid")).isNotNull();
        assertThat(config.get()).isEqualTo(before);
        browser.screenshot("settings-invalid");

        setField("#setting-match_threshold", "0.35");
        setField("#setting-min_frames_per_video", "5000");
        browser.find("#save-settings").click();
        browser.waitFor(UI, "the refusal", d -> browser.find("#settings-error").getText().contains("min_frames"));
        assertThat(browser.find("#settings-error").getText()).isEqualTo("min_frames_per_video must be between 1 and 1000");
        assertThat(browser.find("#setting-min_frames_per_video").getDomAttribute("aria-invalid")).isNotNull();
        assertThat(config.get()).isEqualTo(before);

        // Obama's faces in his speech score 0.84-0.86: with auto-tagging above that they wait for review.
        setField("#setting-match_threshold", "0.35");
        setField("#setting-auto_tag_threshold", "0.95");
        setField("#setting-min_frames_per_video", "10");
        setField("#setting-sample_interval_seconds", "1.5");
        browser.find("#save-settings").click();
        browser.waitFor(UI, "the settings to be saved", d -> browser.find("#settings-saved").getText().contains("Saved"));
        assertThat(browser.find("#settings-error").getText()).isEmpty();
        assertThat(config.get()).isEqualTo(new RecognitionConfig(0.35f, 0.95f, 1.5f, 10, before.maxFramesPerVideo(),
                before.minDetScore(), before.minFaceSize()));
        browser.screenshot("settings");
    }

    @Test
    @Order(4)
    void processesAVideoFromTheLibraryAndShowsItsFramesAndFaces() throws IOException {
        for (String copy : COPIES) {
            Files.copy(SchedulerApi.FIXTURES.facedata("videos/" + VIDEO), library.resolve(copy));
        }
        Files.writeString(library.resolve(BROKEN), "this is not a video\n");
        browser.open("videos");
        browser.find("#scan-button").click();
        browser.waitFor(UI, "the videos in the list", d -> browser.findAll(".video-row[data-video-id]").size() == COPIES.size() + 1);
        String row = ".video-row[data-video-id='" + videoId(VIDEO) + "']";
        String brokenRow = ".video-row[data-video-id='" + videoId(BROKEN) + "']";
        awaitWork("the videos to be processed", () -> browser.findAll(".video-row[data-status='done']").size() == COPIES.size()
                && "failed".equals(browser.find(brokenRow).getDomAttribute("data-status")));
        faces = jdbc.sql("SELECT count(*) FROM face_tracks WHERE match_status = 'pending'").query(Integer.class)
                .single();
        int frames = jdbc.sql("SELECT count(DISTINCT frame_timestamp) FROM face_tracks WHERE video_id = ?")
                .param(videoId(VIDEO)).query(Integer.class).single();
        assertThat(faces).as("Obama's face tracks waiting for review, one a copy").isEqualTo(COPIES.size());
        assertThat(jdbc.sql("SELECT count(*) FROM face_tracks").query(Integer.class).single()).isEqualTo(faces);
        assertThat(jdbc.sql("SELECT min(sightings) FROM face_tracks").query(Integer.class).single())
                .as("his face in every one of the 10 frames sampled").isEqualTo(10);
        assertThat(browser.find(row).getText()).contains(VIDEO, "done", "1 to review");
        assertThat(browser.find(brokenRow).getText()).contains(BROKEN, "failed", "not a readable video");
        browser.screenshot("videos");

        browser.find(row).click();
        browser.waitFor(UI, "the video page", d -> !browser.findAll("#video-faces .face-row[data-track-id]").isEmpty());
        assertThat(browser.find("#video-title").getText()).contains(VIDEO, "done");
        assertThat(browser.findAll("#video-frames figure.frame")).hasSize(frames);
        assertThat(browser.findAll("#video-faces .face-row[data-status='pending']")).hasSize(1);
        assertThat(browser.find("#video-tags").getText()).contains("Nobody tagged yet");
        browser.waitFor(UI, "the face crops", d -> browser.imagesLoaded("#video-faces img.crop"));
        assertThat(jdbc.sql("SELECT count(*) FROM face_tracks WHERE crop_jpeg IS NULL").query(Integer.class)
                .single()).isZero();
    }

    @Test
    @Order(5)
    void aFailedVideoShowsWhyAndCanBeRetried() {
        long broken = videoId(BROKEN);
        // JobRunr's own dashboard shows the failed job with the worker's reason.
        String job = jdbc.sql("""
                        SELECT id FROM jobrunr_jobs WHERE state = 'FAILED' AND jobsignature LIKE '%ProcessVideoHandler%'""")
                .query(String.class).single();
        browser.driver().get("http://admin:" + TestCredentials.JOBRUNR_PASSWORD + "@localhost:" + jobRunrPort
                + "/dashboard/jobs/" + job);
        browser.waitFor(UI, "JobRunr's page of the failed job", d -> d.findElement(By.xpath(
                "//*[starts-with(normalize-space(text()), 'Job processing failed')]"))).click();
        browser.waitFor(UI, "the worker's reason in the failed state", d ->
                d.findElement(By.tagName("body")).getText().contains("not a readable video"));
        browser.screenshot("jobrunr-failed-job");

        browser.open("videos?status=failed");
        assertThat(browser.findAll(".video-row[data-video-id]")).singleElement()
                .satisfies(row -> assertThat(row.getDomAttribute("data-video-id")).isEqualTo(Long.toString(broken)));
        browser.find(".video-row[data-video-id]").click();
        WebElement error = browser.waitFor(UI, "the error", d -> d.findElement(By.id("video-error")));
        assertThat(error.getText()).contains("Processing failed", BROKEN, "not a readable video");
        browser.screenshot("video-failed");

        browser.find("#retry-button").click();
        awaitWork("the retry", () -> jdbc.sql("SELECT attempts = 2 AND status = 'failed' FROM videos WHERE id = ?")
                .param(broken).query(Boolean.class).single());
        browser.waitFor(UI, "the page to show the second failure", d -> browser.find("#video-attempts").getText()
                .equals("2") && !browser.findAll("#retry-button").isEmpty());
    }

    @Test
    @Order(6)
    void reviewsFacesByKeyAndByButtonWithoutReloadingThePage() {
        browser.open("review");
        browser.waitFor(UI, "the first face", d -> !browser.findAll("#review-current [data-track-id]").isEmpty());
        browser.waitFor(UI, "the face and the candidate's faces", d -> browser.imagesLoaded(".review-card img"));
        assertThat(browser.find("#candidate-name").getText()).isEqualTo("Is this Barack Obama?");
        assertThat(browser.find("#review-count").getText()).isEqualTo(Integer.toString(faces));
        browser.screenshot("review");
        browser.script("window.notReloaded = true");

        long rejected = current();
        browser.find("#reject-button").click();
        long confirmed = awaitNext(rejected);
        assertThat(status(rejected)).isEqualTo("unmatched"); // nobody else is close enough
        assertThat(jdbc.sql("SELECT creator_id FROM track_rejections WHERE track_id = ?").param(rejected)
                .query(Long.class).list()).containsExactly(obama);

        new Actions(browser.driver()).sendKeys("c").perform();
        long assigned = awaitNext(confirmed);
        assertThat(status(confirmed)).isEqualTo("confirmed");
        confirmedVideo = jdbc.sql("SELECT video_id FROM face_tracks WHERE id = ?").param(confirmed)
                .query(Long.class).single();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM creator_face_embeddings
                        WHERE creator_id = ? AND track_id = ? AND crop_jpeg IS NOT NULL""")
                .params(obama, confirmed).query(Integer.class).single()).isEqualTo(1);

        new Actions(browser.driver()).sendKeys("a").perform();
        WebElement assign = browser.find("#assign-creator");
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(assign);
        assign.sendKeys("barack obama"); // part of a name, any case: the one creator it names
        browser.waitFor(UI, "the name's suggestion", d -> Long.toString(obama).equals(assign.getDomAttribute(
                "data-creator-id")));
        assign.sendKeys(Keys.ENTER);
        long next = awaitNext(assigned);
        assertThat(status(assigned)).isEqualTo("confirmed");

        new Actions(browser.driver()).sendKeys(Keys.ARROW_RIGHT).perform();
        browser.waitFor(UI, "the next face", d -> current() != next);
        // The rematch the confirmations scheduled comes after the class (rematch-window): three faces decided.
        assertThat(Integer.parseInt(browser.find("#review-count").getText())).isEqualTo(faces - 3);
        assertThat(browser.findAll("#decision-log li")).hasSize(3);
        assertThat(browser.script("return window.notReloaded")).isEqualTo(true);
    }

    @Test
    @Order(7)
    void theVideoIsTaggedWithTheConfirmedCreatorAndTheCreatorPageShowsTheMoments() {
        long video = confirmedVideo;
        browser.open("videos/" + video);
        assertThat(browser.find("#video-tags").getText()).contains("Barack Obama");
        assertThat(browser.findAll("#video-faces .face-row[data-status='confirmed']")).hasSize(1);
        browser.waitFor(UI, "the frames", d -> browser.imagesLoaded("#video-frames img"));
        browser.screenshot("video");

        browser.open("creators/" + obama);
        browser.waitFor(UI, "the reference faces", d -> browser.findAll("#creator-faces figure.face").size() == 3);
        assertThat(browser.find("#creator-summary").getText()).contains("3 enrolled faces", "1 photo");
        WebElement tagged = browser.find("#creator-videos li[data-video-id='" + video + "']");
        assertThat(tagged.getText()).contains("confidence");
        // His one track in that video, confirmed.
        assertThat(tagged.findElements(By.cssSelector(".moment"))).hasSize(1);
        browser.waitFor(UI, "the faces", d -> browser.imagesLoaded("#creator-faces img, #creator-videos img"));
        browser.screenshot("creator");
    }

    @Test
    @Order(8)
    void theTimelineShowsWhenObamaIsOnScreenAndLeadsToHisFace() {
        long video = confirmedVideo;
        double duration = jdbc.sql("SELECT duration_seconds FROM videos WHERE id = ?").param(video)
                .query(Double.class).single();
        browser.open("videos/" + video);
        String bar = "#video-timeline .timeline-row[data-creator-id='" + obama + "']";
        WebElement segment = browser.waitFor(UI, "Obama's bar on the timeline",
                d -> d.findElement(By.cssSelector(bar + " .timeline-segment")));
        assertThat(browser.find(bar).getText()).contains("Barack Obama", "s on screen");
        assertThat(segment.getDomAttribute("aria-label")).matches("Barack Obama, \\d+\\.\\d–\\d+\\.\\d s");
        double start = Double.parseDouble(segment.getDomAttribute("data-start"));
        double end = Double.parseDouble(segment.getDomAttribute("data-end"));
        assertThat(start).isBetween(0.0, end);
        assertThat(end).isBetween(start, duration);

        segment.click();
        String track = segment.getDomAttribute("data-track-id");
        WebElement face = browser.waitFor(UI, "the segment's face highlighted",
                d -> d.findElement(By.cssSelector("#video-faces .face-row.selected")));
        assertThat(face.getDomAttribute("data-track-id")).isEqualTo(track);
        assertThat(face.getText()).containsPattern("seen (at )?\\d+\\.\\d");
        assertThat(segment.getDomAttribute("class")).contains("selected");
        browser.waitFor(UI, "his face on the timeline", d -> browser.imagesLoaded(bar + " img"));
        browser.screenshot("video-timeline");
    }

    @Test
    @Order(9)
    void showsTheFleet() {
        browser.open("fleet");
        browser.waitFor(UI, "the workers", d -> !browser.findAll("#workers tr[data-alive='true']").isEmpty());
        assertThat(browser.find("#stat-workers").getText()).startsWith("1");
        assertThat(browser.find("#stat-per-hour").getText()).startsWith(Integer.toString(COPIES.size()));
        assertThat(browser.find("#jobrunr-link").getDomAttribute("href"))
                .isEqualTo("http://localhost:" + jobRunrPort + "/dashboard/");
        browser.screenshot("fleet");
    }

    @Test
    @Order(10)
    void everyPageFitsAPhone() {
        long video = confirmedVideo;
        browser.open("creators");
        browser.waitFor(UI, "the creators", d -> browser.imagesLoaded("#creator-grid img"));
        browser.screenshot("creators");
        browser.phone();
        try {
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("creators", "creators");
            pages.put("creator", "creators/" + obama);
            pages.put("videos", "videos");
            pages.put("video", "videos/" + video);
            pages.put("review", "review");
            pages.put("settings", "settings");
            pages.put("fleet", "fleet");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                String route = page.getValue();
                browser.open(route);
                browser.screenshot("phone-" + page.getKey());
                Number overflow = (Number) browser.script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(overflow.intValue()).as("horizontal overflow of " + route + " on a phone").isLessThanOrEqualTo(0);
            }
        } finally {
            browser.desktop();
        }
    }

    @Test
    @Order(11)
    void removingThePhotoWithoutAFaceEnrolsTheOthers() {
        browser.open("creators");
        browser.find("#new-creator-name").sendKeys("Joe Biden");
        browser.find("#new-creator-photos").sendKeys(photo("photos/Joe_Biden/fr_biden.jpg") + "\n"
                + photo("negatives/if_view_noface.jpg"));
        browser.find("#add-creator-button").click();
        WebElement enrolment = browser.waitFor(UI, "the enrolment card", d -> d.findElement(By.cssSelector(".enrolment")));
        awaitWork("the enrolment to finish", () -> !"running".equals(enrolment.getDomAttribute("data-state")));
        assertThat(enrolment.findElement(By.cssSelector(".no-face")).getText())
                .contains("the other photo will be enrolled once you remove that photo or add another");
        long biden = jdbc.sql("SELECT id FROM creators WHERE name = 'Joe Biden'").query(Long.class).single();

        enrolment.findElement(By.linkText("remove it on Joe Biden's page")).click();
        // Two clicks, the first asking; the page redraws its photos when the enrolment it follows ends, which
        // resets a button asked about meanwhile, so this asks again after a redraw.
        browser.waitFor(UI, "the faceless photo removed", d -> {
            WebElement remove = d.findElement(By.cssSelector("#creator-photos li[data-status='no_face'] .remove-photo"));
            boolean asked = remove.getText().equals("Remove it?");
            remove.click();
            return asked;
        });

        // The page followed the failed enrolment; now only the new one, of the photo left.
        WebElement tracker = browser.waitFor(UI, "the enrolment of the photo left", d -> {
            List<WebElement> cards = browser.findAll(".enrolments .enrolment");
            return cards.size() == 1 && cards.getFirst().getText().contains("fr_biden.jpg")
                    && !cards.getFirst().getText().contains("if_view_noface.jpg") ? cards.getFirst() : null;
        });
        awaitWork("the enrolment to finish", () -> !"running".equals(tracker.getDomAttribute("data-state")));
        assertThat(tracker.getDomAttribute("data-state")).isEqualTo("done");
        assertThat(tracker.getText()).contains("Enrolled Joe Biden", "1 photo enrolled");
        assertThat(jdbc.sql("SELECT file_name || ' ' || status FROM creator_photos WHERE creator_id = ?").param(biden)
                .query(String.class).list()).containsExactly("fr_biden.jpg enrolled");
        assertThat(jdbc.sql("SELECT count(*) FROM creator_face_embeddings WHERE creator_id = ?").param(biden)
                .query(Integer.class).single()).isEqualTo(1);
        browser.waitFor(UI, "the photo list without the faceless photo", d ->
                browser.findAll("#creator-photos li").size() == 1);
        browser.screenshot("creator-photo-removed");
    }

    private void setField(String css, String value) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(value);
    }

    private String photo(String facedataPath) {
        return SchedulerApi.FIXTURES.facedata(facedataPath).toString();
    }

    private long current() {
        return Long.parseLong(browser.find("#review-current [data-track-id]").getDomAttribute("data-track-id"));
    }

    /** The queue has moved on from this face; returns the face shown now. */
    private long awaitNext(long previous) {
        browser.waitFor(UI, "the queue to move on from face " + previous, d -> {
            List<WebElement> cards = browser.findAll("#review-current [data-track-id]");
            return !cards.isEmpty() && Long.parseLong(cards.getFirst().getDomAttribute("data-track-id")) != previous;
        });
        return current();
    }

    private long videoId(String fileName) {
        return jdbc.sql("SELECT id FROM videos WHERE path = ?").param(library.resolve(fileName).toString())
                .query(Long.class).single();
    }

    private String status(long trackId) {
        return jdbc.sql("SELECT match_status FROM face_tracks WHERE id = ?").param(trackId)
                .query(String.class).single();
    }

    /** Waits for the worker's part, failing at once with its log if the worker process has died. */
    private void awaitWork(String what, BooleanSupplier done) {
        browser.waitFor(WORK, what, d -> {
            worker.checkAlive();
            return done.getAsBoolean();
        });
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("facefleet-dashboard-library");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
