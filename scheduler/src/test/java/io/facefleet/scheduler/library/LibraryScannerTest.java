package io.facefleet.scheduler.library;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.VideoFacts;
import io.facefleet.common.store.VideoLifecycle;
import io.facefleet.common.store.VideoSampling;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.common.store.VideoStore;
import io.facefleet.scheduler.support.JobRunrJobs;
import io.facefleet.scheduler.support.SchedulerApi;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Full scans over a real library folder, with the watcher off so that only the scans act. */
@SchedulerTest
@ExtendWith(OutputCaptureExtension.class)
class LibraryScannerTest {

    private static final Path OBAMA = SchedulerApi.FIXTURES.facedata("videos/obama_whcd_hk.mp4");
    private static final Path SHORT = SchedulerApi.FIXTURES.facedata("videos/fa_test_video.mp4");

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_scheduler_scan", registry, () -> library, false);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @LocalServerPort
    int port;
    @Autowired
    LibraryScanner scanner;
    @Autowired
    VideoStore videos;
    @Autowired
    JdbcClient jdbc;

    private JobRunrJobs jobs;

    @BeforeEach
    void emptyLibrary() throws IOException {
        try (Stream<Path> children = Files.list(library)) {
            for (Path child : children.toList()) {
                try (Stream<Path> tree = Files.walk(child)) {
                    tree.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
                }
            }
        }
        scanner.scan(); // whatever an earlier test left is now missing
        jobs = new JobRunrJobs(jdbc);
    }

    @Test
    void registersAndQueuesOnlyVideoFiles() throws IOException {
        Path folder = Files.createDirectories(library.resolve("only-videos"));
        Path obama = copy(OBAMA, folder.resolve("obama.mp4"));
        Path upperCase = copy(SHORT, folder.resolve("CLIP.MP4"));
        Files.writeString(folder.resolve("notes.txt"), "not a video");
        copy(SHORT, folder.resolve(".hidden.mp4"));
        copy(SHORT, Files.createDirectories(folder.resolve(".cache")).resolve("cached.mp4"));

        ResponseEntity<JsonNode> scan = new SchedulerApi(port).post("/api/library/scan");

        assertThat(scan.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scan.getBody().get("new").intValue()).isEqualTo(2);
        assertThat(scan.getBody().get("changed").intValue()).isZero();
        assertThat(scan.getBody().get("missing").intValue()).isZero();
        assertThat(videosUnder(folder)).extracting(Video::path)
                .containsExactlyInAnyOrder(obama.toString(), upperCase.toString());
        for (Video video : videosUnder(folder)) {
            assertThat(video.status()).isEqualTo(VideoStatus.QUEUED);
            assertThat(video.sizeBytes()).isEqualTo(Files.size(Path.of(video.path())));
            assertThat(jobs.processVideo(video.id())).singleElement()
                    .satisfies(job -> assertThat(job.state()).isEqualTo("ENQUEUED"));
        }
    }

    @Test
    void followsLinksToVideoFilesButNotToFolders() throws IOException {
        Path folder = Files.createDirectories(library.resolve("links"));
        Path link = Files.createSymbolicLink(folder.resolve("obama-link.mp4"), OBAMA);
        Files.createSymbolicLink(folder.resolve("dangling.mp4"), folder.resolve("gone.mp4"));
        Files.createSymbolicLink(folder.resolve("loop"), folder);

        ScanCounts counts = scanner.scan();

        assertThat(counts.newVideos()).isEqualTo(1);
        assertThat(videosUnder(folder)).singleElement().satisfies(video -> {
            assertThat(video.path()).isEqualTo(link.toString());
            assertThat(video.sizeBytes()).isEqualTo(Files.size(OBAMA));
            assertThat(video.status()).isEqualTo(VideoStatus.QUEUED);
        });
    }

    @Test
    void aSecondScanEnqueuesNothingNew() throws IOException {
        Path obama = copy(OBAMA, Files.createDirectories(library.resolve("twice")).resolve("obama.mp4"));
        scanner.scan();
        int jobsAfterFirstScan = jobs.all().size();
        // The scheduler stopped between registering and queueing: the video is new, its job already stored.
        Video video = videos.findByPath(obama.toString()).orElseThrow();
        jdbc.sql("UPDATE videos SET status = 'new' WHERE id = ?").param(video.id()).update();

        ScanCounts second = scanner.scan();

        assertThat(second).isEqualTo(new ScanCounts(0, 0, 1, 0));
        assertThat(jobs.all()).hasSize(jobsAfterFirstScan);
        assertThat(jobs.processVideo(video.id())).hasSize(1);
        assertThat(videos.find(video.id()).orElseThrow().status()).isEqualTo(VideoStatus.QUEUED);
    }

    @Test
    void aChangedFileIsQueuedAgain() throws IOException {
        Path obama = copy(OBAMA, Files.createDirectories(library.resolve("changed")).resolve("obama.mp4"));
        scanner.scan();
        Video before = videos.findByPath(obama.toString()).orElseThrow();
        processed(before);

        Files.setLastModifiedTime(obama, FileTime.from(before.mtime().plusSeconds(60)));
        ScanCounts counts = scanner.scan();

        assertThat(counts.changed()).isEqualTo(1);
        assertThat(counts.newVideos()).isZero();
        Video after = videos.find(before.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(after.mtime()).isEqualTo(before.mtime().plusSeconds(60));
        assertThat(jobs.processVideo(before.id())).hasSize(2)
                .allSatisfy(job -> assertThat(job.state()).isEqualTo("ENQUEUED"));
    }

    @Test
    void aDeletedFileIsMissingAndComesBackAsChanged() throws IOException {
        Path folder = Files.createDirectories(library.resolve("deleted"));
        Path obama = copy(OBAMA, folder.resolve("obama.mp4"));
        Path kept = copy(SHORT, folder.resolve("kept.mp4"));
        scanner.scan();
        Video video = videos.findByPath(obama.toString()).orElseThrow();
        processed(video);
        Path aside = Files.createTempFile("facefleet-aside", ".mp4");
        Files.move(obama, aside, StandardCopyOption.REPLACE_EXISTING);

        ScanCounts gone = scanner.scan();

        assertThat(gone.missing()).isEqualTo(1);
        assertThat(videos.find(video.id()).orElseThrow().status()).isEqualTo(VideoStatus.MISSING);
        assertThat(videos.findByPath(kept.toString()).orElseThrow().status()).isEqualTo(VideoStatus.QUEUED);

        // Back unchanged (moved, so size and time are the same): queued again under a new job, not the old id.
        Files.move(aside, obama);
        ScanCounts back = scanner.scan();

        assertThat(back.changed()).isEqualTo(1);
        assertThat(videos.find(video.id()).orElseThrow().status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(jobs.processVideo(video.id())).hasSize(2);
    }

    @Test
    void aNameThatIsNotTextIsLeftOutAndControlCharactersAreKeptBothLoggedEscaped(CapturedOutput output)
            throws Exception {
        Path folder = Files.createDirectories(library.resolve("names"));
        // Latin-1 bytes, as an old disk leaves them: not UTF-8, so Java cannot name the file; the shell can.
        String notText = "caf\\351\\nforged log line.mp4";
        shell(folder, "cp \"$1\" \"$(printf '" + notText + "')\"", SHORT.toString());
        Path newline = copy(SHORT, folder.resolve("two\nlines.mp4"));
        Path controls = copy(SHORT, folder.resolve("bell\u0007\ttab\u001b[31m.mp4"));
        try {
            ScanCounts counts = scanner.scan();

            assertThat(counts.newVideos()).isEqualTo(2);
            assertThat(videosUnder(folder)).extracting(Video::path)
                    .containsExactlyInAnyOrder(newline.toString(), controls.toString());
            assertThat(output.getAll()).contains("Left out of the library: the name of " + folder
                            + "/caf\uFFFD\\nforged log line.mp4 is not valid")
                    .doesNotContain("\nforged log line");
        } finally {
            shell(folder, "rm -- \"$(printf '" + notText + "')\"");
        }
    }

    private static void shell(Path folder, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).inheritIO().start();
        assertThat(process.waitFor()).as(script).isZero();
    }

    /** What a worker leaves behind: one run, done. */
    private void processed(Video video) {
        VideoLifecycle lifecycle = new VideoLifecycle(videos);
        lifecycle.done(video.id(), lifecycle.processing(video.id()).orElseThrow(), new VideoFacts(10, 25, 640, 360),
                new VideoSampling(2, 5, 5, null, null));
    }

    private List<Video> videosUnder(Path folder) {
        return videos.all().stream().filter(v -> v.path().startsWith(folder + "/")).toList();
    }

    private static Path copy(Path from, Path to) throws IOException {
        return Files.copy(from, to);
    }
}
