package io.facefleet.worker.fault;

import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.jobs.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL restarts ({@code pg_ctl restart -m fast}: every connection cut, open transactions rolled back) while
 * a worker is in the middle of videos. The worker reconnects by itself (HikariCP validates connections before
 * handing them out) and no job is lost: every video ends done with exactly one set of faces, and a video queued
 * after the restart is processed too. Runs against a private cluster, never the shared one.
 */
class PostgresRestartIT {

    static final int FRAMES = 40;

    static PrivatePostgres postgres;
    static PrivateRedis redis;
    static FaultCluster cluster;
    static Path copies;

    @BeforeAll
    static void fleet() throws IOException {
        copies = Files.createTempDirectory("facefleet-fault-pg-videos-");
        postgres = PrivatePostgres.start();
        redis = PrivateRedis.start("pg-restart");
        cluster = FaultCluster.create("facefleet_it_pg_restart", postgres.server(), redis.port());
        cluster.setFramesPerVideo(FRAMES);
        cluster.startWorker("pg-a", 2, List.of());
    }

    @AfterAll
    static void stop() throws IOException {
        try (PrivatePostgres p = postgres; PrivateRedis r = redis; FaultCluster c = cluster) {
            // closed in reverse order: the worker and the database, Redis, then PostgreSQL
        } finally {
            Cleanup.deleteTree(copies);
        }
    }

    @Test
    void noVideoIsLostOrDoubledWhenPostgresRestartsMidJob() throws IOException {
        Facts facts = new Facts(cluster.jdbc());
        PipelineFixture fixture = cluster.fixture();
        List<Long> videos = new ArrayList<>();
        for (String file : List.of("obama_whcd_hk.mp4", "fr_short_hamilton_clip.mp4", "fp_video.mp4")) {
            videos.add(fixture.queueVideo("videos/" + file));
        }
        // In progress by the video's own status, which its job sets after JobRunr marks the job processing.
        List<Long> inFlight = new ArrayList<>();
        cluster.until(FaultCluster.WORK, "two videos in progress", () -> {
            inFlight.clear();
            videos.stream().filter(v -> cluster.video(v).status() == VideoStatus.PROCESSING).forEach(inFlight::add);
            return inFlight.size() == 2;
        });

        Instant restarting = Instant.now();
        postgres.restart();
        Duration restart = Duration.between(restarting, Instant.now());
        // Queued after the restart, through the control context's pool, which reconnects the same way.
        Path late = Files.copy(PipelineFixture.FIXTURES.facedata("videos/obama_whcd_hk.mp4"), copies.resolve("late.mp4"));
        cluster.until(Duration.ofMinutes(1), "queueing a video after the restart", () -> {
            videos.add(fixture.queueVideo(late));
            return true;
        });

        cluster.until(FaultCluster.WORK, "every video done", () ->
                videos.stream().allMatch(v -> cluster.video(v).status() == VideoStatus.DONE) && fixture.noJobsLeft());
        Duration recovery = Duration.between(restarting, Instant.now());

        System.out.printf("PostgresRestartIT: restarted PostgreSQL (%.1f s) with videos %s in progress; all %d videos"
                + " done %.1f s after the restart began%n", restart.toMillis() / 1000.0, inFlight, videos.size(),
                recovery.toMillis() / 1000.0);
        for (long v : videos) {
            Video video = cluster.video(v);
            String job = facts.videoJob(v);
            System.out.printf("  video %d %s: %d attempts, %d faces, job %s%n", v, Path.of(video.path()).getFileName(),
                    video.attempts(), facts.trackIds(v).size(), facts.history(job).stream()
                            .map(s -> s.state() + (s.message() == null ? "" : " (" + s.message() + ")")).toList());

            assertThat(video.status()).isEqualTo(VideoStatus.DONE);
            assertThat(video.error()).isNull();
            assertThat(facts.state(job)).isEqualTo("SUCCEEDED");
            assertThat(facts.trackIds(v)).as("faces of video %d", v).isNotEmpty();
            assertThat(facts.duplicateFaces(v)).isZero();
            assertThat(facts.faceWrites(v)).as("transactions that wrote video %d's faces", v).isEqualTo(1);
            assertThat(facts.jobIds("ProcessVideoHandler", "videoId", v)).containsExactly(job);
        }
    }
}
