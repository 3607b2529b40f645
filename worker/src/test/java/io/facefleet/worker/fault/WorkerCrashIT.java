package io.facefleet.worker.fault;

import io.facefleet.common.db.DatabaseSettings;
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
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker dies (kill -9: no shutdown, no last heartbeat) in the middle of a video. Its JobRunr server falls
 * silent; after 4 poll intervals (20 s) the other worker presumes it dead, fails the job as orphaned, and JobRunr's
 * retry runs it again there. The video ends done with exactly one set of faces: the killed run wrote nothing, and
 * the faces are the ones an undisturbed run of the same file finds.
 */
class WorkerCrashIT {

    /** Long enough to be killed in the middle of (it takes 10-30 s here), short enough to redo quickly. */
    static final int FRAMES = 50;

    static PrivateRedis redis;
    static FaultCluster cluster;
    static Path copies;

    @BeforeAll
    static void fleet() throws IOException {
        copies = Files.createTempDirectory("facefleet-fault-crash-");
        redis = PrivateRedis.start("crash");
        cluster = FaultCluster.create("facefleet_it_crash", DatabaseSettings.fromEnvironment(), redis.port());
        cluster.setFramesPerVideo(FRAMES);
        cluster.startWorkers(1, List.of(), "crash-a", "crash-b");
    }

    @AfterAll
    static void stop() throws IOException {
        try (PrivateRedis r = redis; FaultCluster c = cluster) {
            // closed in reverse order: the workers and the database, then Redis
        } finally {
            Cleanup.deleteTree(copies);
        }
    }

    @Test
    void anotherWorkerFinishesTheVideoOfAKilledWorker() throws IOException {
        Facts facts = new Facts(cluster.jdbc());
        PipelineFixture fixture = cluster.fixture();
        // The same file under two names: one is processed while a worker is killed, the other undisturbed.
        Path source = PipelineFixture.FIXTURES.facedata("videos/obama_whcd_hk.mp4");
        Path target = Files.copy(source, copies.resolve("killed.mp4"));
        Path baseline = Files.copy(source, copies.resolve("undisturbed.mp4"));

        long video = fixture.queueVideo(target);
        String job = facts.videoJob(video);
        cluster.until(FaultCluster.WORK, "a worker processing the video", () ->
                facts.processingServer(job).isPresent() && cluster.video(video).status() == VideoStatus.PROCESSING);
        WorkerProcess victim = cluster.worker(facts.processingServer(job).orElseThrow());
        WorkerProcess survivor = cluster.otherThan(victim);
        UUID killedRun = cluster.video(video).runId();

        cluster.expectDown(victim);
        Instant killedAt = Instant.now();
        victim.kill();
        // The survivor is idle: it runs the undisturbed copy while the killed worker's job waits to be found orphaned.
        long undisturbed = fixture.queueVideo(baseline);
        cluster.until(FaultCluster.WORK, "the killed worker's video done by " + survivor, () ->
                cluster.video(video).status() == VideoStatus.DONE);
        Duration recovery = Duration.between(killedAt, Instant.now());
        cluster.until(FaultCluster.WORK, "the undisturbed copy done", () ->
                cluster.video(undisturbed).status() == VideoStatus.DONE);
        cluster.until(Duration.ofMinutes(1), "no jobs left", fixture::noJobsLeft);

        List<Facts.JobState> history = facts.history(job);
        Instant orphaned = history.stream().filter(s -> s.state().equals("FAILED")).findFirst().orElseThrow().at();
        Instant rerun = history.stream().filter(s -> s.state().equals("PROCESSING")).reduce((a, b) -> b).orElseThrow().at();
        System.out.printf("WorkerCrashIT: killed %s in the middle of video %d (%d frames); %s finished it %.1f s after"
                        + " the kill (found orphaned after %.1f s, re-run started after %.1f s)%n",
                victim, video, FRAMES, survivor, recovery.toMillis() / 1000.0,
                Duration.between(killedAt, orphaned).toMillis() / 1000.0,
                Duration.between(killedAt, rerun).toMillis() / 1000.0);
        history.forEach(s -> System.out.println("  " + s));

        Video done = cluster.video(video);
        assertThat(done.status()).isEqualTo(VideoStatus.DONE);
        assertThat(done.error()).isNull();
        assertThat(done.attempts()).as("the killed run and the re-run").isEqualTo(2);
        assertThat(done.runId()).isNotEqualTo(killedRun);
        assertThat(facts.state(job)).isEqualTo("SUCCEEDED");
        assertThat(history).extracting(Facts.JobState::state)
                .containsSubsequence("PROCESSING", "FAILED", "SCHEDULED", "ENQUEUED", "PROCESSING", "SUCCEEDED");
        assertThat(history).filteredOn(s -> s.state().equals("PROCESSING")).extracting(Facts.JobState::serverName)
                .containsExactly(victim.name(), survivor.name());
        // Each server looks for timed-out servers only once per timeout (4 polls = 20 s), so the dead server's row
        // may outlive the re-run by up to one more timeout.
        cluster.until(Duration.ofMinutes(1), "the dead worker's server gone from the fleet", () ->
                cluster.jdbc().sql("SELECT count(*) FROM jobrunr_backgroundjobservers WHERE name = ?")
                        .param(victim.name()).query(Integer.class).single() == 0);
        System.out.printf("WorkerCrashIT: the dead worker's server was removed %.1f s after the kill%n",
                Duration.between(killedAt, Instant.now()).toMillis() / 1000.0);

        List<Facts.Detection> faces = facts.detections(video);
        List<Facts.Detection> expected = facts.detections(undisturbed);
        assertThat(faces).isNotEmpty();
        assertThat(facts.duplicateFaces(video)).isZero();
        assertThat(facts.faceWrites(video)).as("transactions that wrote the video's faces").isEqualTo(1);
        assertThat(faces).hasSameSizeAs(expected);
        for (int i = 0; i < faces.size(); i++) {
            assertThat(faces.get(i).sameFaceAs(expected.get(i), 1f))
                    .as("%s is %s of the undisturbed run", faces.get(i), expected.get(i)).isTrue();
        }
    }
}
