package io.facefleet.worker.jobs;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.WorkerApplication;
import io.facefleet.worker.support.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Files that are not videos fail with their reason, leave no faces behind, and don't disturb other videos. */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"facefleet.model-pack=dev-512", "jobrunr.background-job-server.worker-count=2"})
@Import(PipelineFixture.class)
@DirtiesContext
class BadVideoTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_bad_video");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.register(DB, registry);
    }

    @Autowired
    PipelineFixture fixture;

    @Autowired
    JdbcClient jdbc;

    @Test
    void truncatedAndNonVideoFilesFailWithTheirReasonWhileAGoodVideoIsProcessed(@TempDir Path library)
            throws IOException {
        byte[] clip = Files.readAllBytes(PipelineFixture.FIXTURES.facedata("videos/obama_whcd_hk.mp4"));
        Path truncated = Files.write(library.resolve("truncated.mp4"), Arrays.copyOf(clip, 20_000));
        Path text = Files.writeString(library.resolve("notes.mp4"), "this is not a video\n");
        Path good = Files.write(library.resolve("good.mp4"), clip);

        long truncatedId = fixture.queueVideo(truncated);
        long textId = fixture.queueVideo(text);
        long goodId = fixture.queueVideo(good);

        Video failedTruncated = fixture.awaitVideo(truncatedId, VideoStatus.FAILED);
        Video failedText = fixture.awaitVideo(textId, VideoStatus.FAILED);
        fixture.awaitVideo(goodId, VideoStatus.DONE);

        assertThat(failedTruncated.error()).contains("truncated.mp4");
        assertThat(failedText.error()).isEqualTo("notes.mp4 is not a readable video: Invalid data found when"
                + " processing input");
        assertThat(failedTruncated.attempts()).as("unreadable input is not retried").isEqualTo(1);
        assertThat(fixture.tracksWithStatus(truncatedId, "unmatched")).isZero();
        assertThat(fixture.tracksWithStatus(goodId, "unmatched")).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM jobrunr_jobs WHERE state = 'FAILED'").query(Integer.class).single())
                .isEqualTo(2);
    }
}
