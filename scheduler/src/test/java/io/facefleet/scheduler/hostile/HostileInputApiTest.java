package io.facefleet.scheduler.hostile;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestCredentials;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a hostile or careless client sends: each is refused with a 4xx whose message says what is wrong, leaves
 * every table as it was, and the scheduler answers the next request. Sent as raw bytes, so that what arrives is
 * exactly what a hostile client can send (no client library tidies the multipart or the JSON).
 */
@SchedulerTest
class HostileInputApiTest {

    private static final String BOUNDARY = "hostile-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
    private static final String JSON = "application/json";
    private static final List<String> TABLES = List.of("creators", "creator_photos", "creator_face_embeddings",
            "videos", "face_tracks", "video_creators", "jobrunr_jobs");

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_scheduler_hostile", registry, () -> library, false);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CreatorStore creators;

    private final HttpClient http = HttpClient.newHttpClient();
    private long creatorId;

    @BeforeEach
    void aCreatorToAimAt() {
        creatorId = creators.findByName("Existing Creator").map(c -> c.id())
                .orElseGet(() -> creators.create("Existing Creator"));
    }

    /** One hostile request and the refusal it must get. */
    record Case(String name, String method, String path, String contentType, byte[] body, int status,
                String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> hostileRequests() {
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) 'a');
        String tenKilobytes = "x".repeat(10_000);
        return Stream.of(
                // Names and file names
                creator("NUL byte in a creator's name", "Ann\0Lee", photo("a.jpg", HostileFiles.obamaJpeg()),
                        400, "control character (U+0000)"),
                creator("newline in a creator's name", "Ann\nINFO forged log line", photo("a.jpg", HostileFiles.obamaJpeg()),
                        400, "control character (U+000A)"),
                creator("10 kB creator name", tenKilobytes, photo("a.jpg", HostileFiles.obamaJpeg()),
                        400, "longer than 200 characters"),
                creator("NUL byte in a photo's file name", "Ann Lee", photo("a\0.jpg", HostileFiles.obamaJpeg()),
                        400, "Invalid file name"),
                creator("10 kB photo file name", "Ann Lee", photo(tenKilobytes + ".jpg", HostileFiles.obamaJpeg()),
                        413, "Header section has more than 512 bytes"),
                creator("300-character photo file name", "Ann Lee", photo("y".repeat(296) + ".jpg",
                        HostileFiles.obamaJpeg()), 400, "longer than 255 characters"),
                // Photos that are not what they say
                creator("zero-byte photo", "Ann Lee", photo("empty.jpg", new byte[0]), 400, "The file is empty"),
                creator("truncated JPEG", "Ann Lee", photo("half.jpg", HostileFiles.truncatedJpeg()),
                        400, "JPEG image is truncated"),
                creator("PNG whose header claims 100,000 x 100,000", "Ann Lee",
                        photo("bomb.png", HostileFiles.pngClaiming(100_000, 100_000)), 413,
                        "100000x100000 = 10000000000 pixels, over the limit"),
                creator("JPEG whose frame header claims 60,000 x 60,000", "Ann Lee",
                        photo("liar.jpg", HostileFiles.jpegClaiming60000Square()), 413, "60000x60000"),
                creator("BMP whose header claims 100,000 x 100,000", "Ann Lee",
                        photo("bomb.bmp", HostileFiles.bmpClaiming(100_000, 100_000)), 400, "BMP image header cannot be read"),
                creator("PNG whose header claims 0 x 0", "Ann Lee", photo("zero.png", HostileFiles.pngClaiming(0, 0)),
                        400, "PNG image header"),
                creator("WebP whose RIFF size promises a megabyte", "Ann Lee",
                        photo("cut.webp", HostileFiles.webpCutShort()), 400, "WEBP image is truncated"),
                creator("GIF", "Ann Lee", photo("anim.gif", HostileFiles.encoded("gif")), 400,
                        "GIF images are not supported"),
                creator("TIFF", "Ann Lee", photo("scan.tiff", HostileFiles.encoded("tiff")), 400,
                        "TIFF images are not supported"),
                creator("text file called .jpg", "Ann Lee",
                        photo("notes.jpg", "SELECT * FROM creators;".getBytes(StandardCharsets.UTF_8)), 400,
                        "Not a supported image"),
                // Multipart that is not
                new Case("multipart without its boundary", "POST", "/api/creators", "multipart/form-data",
                        multipart("Ann Lee", photo("a.jpg", HostileFiles.obamaJpeg())), 400,
                        "not a readable multipart/form-data upload"),
                new Case("multipart cut short", "POST", "/api/creators", MULTIPART,
                        Arrays.copyOf(multipart("Ann Lee", photo("a.jpg", HostileFiles.obamaJpeg())), 5000), 400,
                        "not a readable multipart/form-data upload"),
                // JSON bodies
                json("PATCH", "/api/creators/{id}", "NUL byte in a rename", "{\"name\":\"Ann\\u0000Lee\"}", 400,
                        "control character (U+0000)"),
                json("PATCH", "/api/creators/{id}", "JSON with a number for the name", "{\"name\":42}", 400,
                        "'name' must be a string"),
                json("PATCH", "/api/creators/{id}", "unknown field in a rename", "{\"name\":\"A\",\"nmae\":\"B\"}",
                        400, "'nmae' is not a field of this request"),
                json("PUT", "/api/config", "duplicate keys", "{\"match_threshold\":0.5,\"match_threshold\":0.9}",
                        400, "gives a field twice: property \"match_threshold\""),
                json("PUT", "/api/config", "unknown field (a typo)", "{\"match_treshold\":0.5}", 400,
                        "'match_treshold' is not a field of this request; the fields are"),
                json("PUT", "/api/config", "12.5 frames", "{\"min_frames_per_video\":12.5}", 400,
                        "'min_frames_per_video' must be a whole number"),
                json("PUT", "/api/config", "a string for a number", "{\"match_threshold\":\"high\"}", 400,
                        "'match_threshold' must be a number"),
                json("PUT", "/api/config", "an array for the body", "[1,2,3]", 400, "The request body must be a JSON object"),
                json("PUT", "/api/config", "negative frames", "{\"min_frames_per_video\":-5}", 400,
                        "min_frames_per_video"),
                json("PUT", "/api/config", "a number past int", "{\"max_frames_per_video\":99999999999}", 400,
                        "max_frames_per_video"),
                json("PUT", "/api/config", "a huge threshold", "{\"match_threshold\":1e308}", 400,
                        "match_threshold"),
                new Case("10 MB JSON body", "PUT", "/api/config", JSON,
                        concat("{\"match_threshold\":0.5,\"padding\":\"", tenMegabytes, "\"}"), 400,
                        "'padding' is not a field of this request"),
                // Query parameters and path variables
                get("negative limit", "/api/videos?limit=-1", 400, "'limit' must be between"),
                get("huge limit", "/api/videos?limit=99999999999", 400, "'limit' must be a whole number"),
                get("negative offset", "/api/videos?offset=-1", 400, "'offset' must be between 0 and"),
                get("SQL in the status filter", "/api/videos?status=done'%20OR%20'1'='1", 400, "status"),
                get("SQL in a creator id", "/api/videos?creator=1%20OR%201=1", 400, "'creator' must be a whole number"),
                get("review limit of zero", "/api/review?limit=0", 400, "'limit' must be between"),
                get("negative per_creator", "/api/creators/faces?per_creator=-3", 400, "per_creator"),
                get("id past long", "/api/creators/99999999999999999999", 400, "'id' must be a whole number"),
                get("negative id", "/api/videos/-1", 404, "-1"),
                get("path traversal as an id", "/api/creators/..%2F..%2Fetc%2Fpasswd", 400, ""),
                get("path traversal in a crop's id", "/api/tracks/..%2f..%2fetc%2fpasswd/crop.jpg", 400, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void isRefusedWithAMessageAndLeavesNoRows(Case hostile) throws Exception {
        Map<String, Integer> before = rowCounts();

        HttpResponse<String> response = send(hostile.method(), hostile.path().replace("{id}", "" + creatorId),
                hostile.contentType(), hostile.body());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(hostile.status());
        assertThat(response.body()).doesNotContain("root:x:0:0");
        if (response.headers().firstValue("Content-Type").orElse("").contains("json")) {
            JsonNode body = JsonMapper.builder().build().readTree(response.body());
            assertThat(body.get("detail").stringValue()).contains(hostile.message());
        } else {
            assertThat(hostile.message()).as("only Tomcat's own refusals (before Spring) are not JSON").isEmpty();
        }
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(send("GET", "/api/config", null, null).statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void sqlMetacharactersInNamesAreStoredAsText() throws Exception {
        String name = "Robert'); DROP TABLE creators;-- \"%_\\";
        Map<String, Integer> before = rowCounts();

        HttpResponse<String> created = send("POST", "/api/creators", MULTIPART,
                multipart(name, photo("x'; DELETE FROM videos;--.jpg", HostileFiles.obamaJpeg())));
        HttpResponse<String> renamed = send("PATCH", "/api/creators/" + creatorId, JSON,
                ("{\"name\":" + JsonMapper.builder().build().writeValueAsString(name + " 2") + "}")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(creators.findByName(name)).isPresent();
        assertThat(creators.find(creatorId).orElseThrow().name()).isEqualTo(name + " 2");
        assertThat(jdbc.sql("SELECT file_name FROM creator_photos").query(String.class).list())
                .contains("x'; DELETE FROM videos;--.jpg");
        Map<String, Integer> after = rowCounts();
        assertThat(after.get("creators")).isEqualTo(before.get("creators") + 1);
        assertThat(after.get("creator_photos")).isEqualTo(before.get("creator_photos") + 1);
        assertThat(after.get("videos")).isEqualTo(before.get("videos"));
    }

    @Test
    void staticFilesCannotBeReachedOutsideTheDashboard() throws Exception {
        for (String path : List.of("/..%2f..%2f..%2fetc%2fpasswd", "/ui/..%2f..%2f..%2f..%2fetc%2fpasswd",
                "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/ui/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd")) {
            HttpResponse<String> response = send("GET", path, null, null);
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
            assertThat(response.body()).as(path).doesNotContain("root:x:0:0");
        }
    }

    private Map<String, Integer> rowCounts() {
        return TABLES.stream().collect(java.util.stream.Collectors.toMap(t -> t,
                t -> jdbc.sql("SELECT count(*) FROM " + t).query(Integer.class).single()));
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        request.header("Authorization", "Bearer " + TestCredentials.adminToken(port));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Photo(String fileName, byte[] content) {
    }

    private static Photo photo(String fileName, byte[] content) {
        return new Photo(fileName, content);
    }

    private static Case creator(String name, String creatorName, Photo photo, int status, String message) {
        return new Case(name, "POST", "/api/creators", MULTIPART, multipart(creatorName, photo), status, message);
    }

    private static Case json(String method, String path, String name, String body, int status, String message) {
        return new Case(name, method, path, JSON, body.getBytes(StandardCharsets.UTF_8), status, message);
    }

    private static Case get(String name, String path, int status, String message) {
        return new Case(name, "GET", path, null, null, status, message);
    }

    /** The form the dashboard sends, byte for byte: a name part and a photos part. */
    private static byte[] multipart(String name, Photo photo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"name\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + name + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\""
                + photo.fileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(photo.content());
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
