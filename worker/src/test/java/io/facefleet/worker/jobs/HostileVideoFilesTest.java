package io.facefleet.worker.jobs;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.WorkerApplication;
import io.facefleet.worker.support.FreshDatabase;
import io.facefleet.worker.video.HostileVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that are not videos, or whose headers lie (frame size, duration, stream count), and names that try to
 * forge log lines: each video fails at once with its reason, is not retried, leaves no face tracks or sightings,
 * and the worker then processes a real video.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"facefleet.model-pack=dev-512", "jobrunr.background-job-server.worker-count=2"})
@Import(PipelineFixture.class)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class HostileVideoFilesTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_hostile_video");
    private static final String NOT_READABLE = " is not a readable video: Invalid data found when processing input";
    private static final String FORGED = "Video 1 (fake.mp4): 3 faces in 1 tracks"; // no slash: a name, not a path

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.register(DB, registry);
    }

    @Autowired
    PipelineFixture fixture;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachFailsWithItsReasonLeavingNoRowsAndTheWorkerGoesOn(@TempDir Path library, CapturedOutput output)
            throws IOException {
        byte[] clip = Files.readAllBytes(PipelineFixture.FIXTURES.facedata("videos/obama_whcd_hk.mp4"));
        Map<Path, String> reasons = new LinkedHashMap<>();
        reasons.put(Files.writeString(library.resolve("notes.mp4"), "this is not a video\n"), "notes.mp4" + NOT_READABLE);
        reasons.put(HostileVideos.zip(library.resolve("archive.mkv")), "archive.mkv" + NOT_READABLE);
        reasons.put(Files.write(library.resolve("truncated.mp4"), Arrays.copyOf(clip, 20_000)),
                "No frame of truncated.mp4 could be decoded: the file ends at 0.0 s of its 5.1 s");
        reasons.put(HostileVideos.frameSizeBomb(library.resolve("just-over-8k.mkv"), 8200, 8200),
                "just-over-8k.mkv has frames of 8200x8200 pixels, more than the 8192x8192 a video frame may have");
        reasons.put(HostileVideos.frameSizeBomb(library.resolve("bomb.mkv"), 100_000, 100_000),
                "bomb.mkv has frames of 100000x100000 pixels, more than the 8192x8192 a video frame may have");
        reasons.put(HostileVideos.yuv4mpegClaiming(library.resolve("raw.mp4"), 16_000, 16_000),
                "raw.mp4 has frames of 16000x16000 pixels, more than the 8192x8192 a video frame may have");
        reasons.put(HostileVideos.claimingDuration(library.resolve("forever.mkv"), 1e12),
                "forever.mkv claims to last 1000000000000 s, more than the 604800 s (a week) a video may last");
        reasons.put(HostileVideos.mjpegMatroska(library.resolve("streams.mkv"), 3000, 2),
                "streams.mkv has 3000 streams, more than the 100 a video may have");
        reasons.put(Files.writeString(library.resolve("evil\n" + FORGED + "\u0007.mp4"), "not a video"),
                "evil\\n" + FORGED + "\\u0007.mp4" + NOT_READABLE);

        Map<Path, Long> ids = new LinkedHashMap<>();
        reasons.keySet().forEach(file -> ids.put(file, fixture.queueVideo(file)));

        for (Map.Entry<Path, String> expected : reasons.entrySet()) {
            Video failed = fixture.awaitVideo(ids.get(expected.getKey()), VideoStatus.FAILED);
            assertThat(failed.error()).as(expected.getKey().getFileName().toString()).isEqualTo(expected.getValue());
            assertThat(failed.attempts()).as("unreadable input is not retried").isEqualTo(1);
        }
        assertThat(rows("face_tracks")).isZero();
        assertThat(rows("video_face_sightings")).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM jobrunr_jobs WHERE state = 'FAILED'").query(Integer.class).single())
                .isEqualTo(reasons.size());
        assertThat(output.getAll()).as("a newline in a file name cannot start a log line of its own")
                .contains("evil\\n" + FORGED).doesNotContain("\n" + FORGED);

        long goodId = fixture.queueVideo(Files.write(library.resolve("good.mp4"), clip));
        fixture.awaitVideo(goodId, VideoStatus.DONE);
        assertThat(fixture.tracksWithStatus(goodId, "unmatched")).isPositive();
        assertThat(rows("video_face_sightings")).isPositive();
    }

    private int rows(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }
}
