package io.facefleet.scheduler.dashboard;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.scheduler.support.Browser;
import io.facefleet.scheduler.support.SchedulerApi;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestCredentials;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A library of 10,000 videos and 2,000 creators (generated in one statement each): every page of the lists holds
 * the right rows, pages do not overlap, the totals count the whole list, and the dashboard finds any creator. The time each page took is printed,
 * not asserted (the speed targets are the benchmarks').
 */
@SchedulerTest
class LargeLibraryApiTest {

    private static final int VIDEOS = 10_000;
    private static final int CREATORS = 2_000;
    private static final Duration UI = Duration.ofSeconds(15);

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_scheduler_large_library", registry, () -> library, false);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private static boolean generated;

    @BeforeAll
    static void resetFlag() {
        generated = false;
    }

    private SchedulerApi api() {
        if (!generated) {
            // Arrange: the rows straight into the tables, as a restore of a large library would leave them.
            jdbc.sql("""
                            INSERT INTO videos (path, size_bytes, mtime, status, duration_seconds)
                            SELECT format('/library/%s/video-%s.mp4', lpad((i % 100)::text, 3, '0'), lpad(i::text, 5, '0')),
                              1000, now(), CASE WHEN i % 10 = 0 THEN 'failed' ELSE 'done' END, 60
                            FROM generate_series(1, ?) i""").param(VIDEOS).update();
            jdbc.sql("""
                            INSERT INTO creators (name) SELECT format('Creator %s', lpad(i::text, 4, '0'))
                            FROM generate_series(1, ?) i""").param(CREATORS).update();
            generated = true;
        }
        return new SchedulerApi(port);
    }

    @Test
    void pagesThroughTenThousandVideos() {
        SchedulerApi api = api();
        Set<Long> seen = new HashSet<>();
        String previousLast = "";
        long slowest = 0;
        for (int offset = 0; offset < VIDEOS; offset += 1000) {
            long t = System.nanoTime();
            JsonNode page = api.get("/api/videos?limit=1000&offset=" + offset).getBody();
            slowest = Math.max(slowest, System.nanoTime() - t);
            assertThat(page.get("total").longValue()).isEqualTo(VIDEOS);
            assertThat(page.get("offset").intValue()).isEqualTo(offset);
            List<JsonNode> items = page.get("items").valueStream().toList();
            assertThat(items).hasSize(1000);
            items.forEach(v -> assertThat(seen.add(v.get("id").longValue())).as("on one page only").isTrue());
            assertThat(items.getFirst().get("path").stringValue()).as("in path order").isGreaterThan(previousLast);
            previousLast = items.getLast().get("path").stringValue();
        }
        assertThat(seen).hasSize(VIDEOS);
        JsonNode failed = api.get("/api/videos?status=failed&limit=10&offset=990").getBody();
        assertThat(failed.get("total").longValue()).isEqualTo(VIDEOS / 10);
        assertThat(failed.get("items").size()).isEqualTo(10);
        assertThat(api.get("/api/videos?offset=" + VIDEOS).getBody().get("items").size()).isZero();
        System.out.printf("10,000 videos: the slowest page of 1,000 took %.0f ms%n", slowest / 1e6);
    }

    @Test
    void pagesThroughTwoThousandCreatorsAndFindsThemByName() {
        SchedulerApi api = api();
        Set<Long> seen = new HashSet<>();
        long slowest = 0;
        for (int offset = 0; offset < CREATORS; offset += 100) {
            long t = System.nanoTime();
            JsonNode page = api.get("/api/creators?limit=100&offset=" + offset).getBody();
            slowest = Math.max(slowest, System.nanoTime() - t);
            assertThat(page.get("total").longValue()).isEqualTo(CREATORS);
            assertThat(page.get("items").get(0).get("name").stringValue())
                    .isEqualTo(String.format("Creator %04d", offset + 1));
            page.get("items").forEach(c -> assertThat(seen.add(c.get("id").longValue())).isTrue());
        }
        assertThat(seen).hasSize(CREATORS);
        JsonNode found = api.get("/api/creators?q=19&limit=5").getBody();
        long expected = java.util.stream.IntStream.rangeClosed(1, CREATORS)
                .filter(i -> String.format("Creator %04d", i).contains("19")).count();
        assertThat(found.get("total").longValue()).isEqualTo(expected);
        assertThat(found.get("items").size()).isEqualTo(5);
        System.out.printf("2,000 creators: the slowest page of 100 took %.0f ms%n", slowest / 1e6);
    }

    /** The dashboard's creator fields ask the scheduler by name: no list of every creator is loaded. */
    @Test
    void theVideosPageFiltersByTheLastOfTwoThousandCreatorsTypedByName() {
        api();
        long last = jdbc.sql("SELECT id FROM creators WHERE name = 'Creator 2000'").query(Long.class).single();
        long video = jdbc.sql("SELECT max(id) FROM videos").query(Long.class).single();
        jdbc.sql("INSERT INTO video_creators (video_id, creator_id, source, confidence) VALUES (?, ?, 'auto', 0.9)")
                .params(video, last).update();
        try (Browser browser = Browser.start("http://localhost:" + port, Path.of("target", "screenshots"))) {
            browser.signIn("admin", TestCredentials.ADMIN_PASSWORD);
            browser.open("videos");
            browser.waitFor(UI, "the whole library", d -> count(browser) == VIDEOS);
            browser.find("#filter-creator").sendKeys("creator 2000");
            browser.waitFor(UI, "the one video tagged with Creator 2000",
                    d -> count(browser) == 1);
            assertThat(browser.find("#video-list a.video-row").getDomAttribute("data-video-id"))
                    .isEqualTo(Long.toString(video));
            assertThat(browser.find("#video-list .tag").getText()).startsWith("Creator 2000");
            assertThat(browser.script("return location.hash")).isEqualTo("#/videos?creator=" + last);

            browser.open("videos?creator=" + last); // a link to the filtered list shows the creator's name
            browser.waitFor(UI, "the filter from the link", d -> count(browser) == 1);
            assertThat(browser.find("#filter-creator").getDomProperty("value")).isEqualTo("Creator 2000");
        }
    }

    private static long count(Browser browser) {
        String digits = browser.find("#video-count").getText().replaceAll("\\D", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }
}
