package io.facefleet.worker.fault;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.jobs.PipelineFixture;
import io.facefleet.worker.jobs.ProcessVideoJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker cut off from the fleet in the middle of a video, that comes back after its video was redone elsewhere.
 *
 * <p>The partition is simulated at the process level: the worker is frozen with SIGSTOP, so it sends nothing (no
 * JobRunr heartbeat, no query) while its connections stay open, then thawed with SIGCONT, and it carries on from
 * where it stopped as a worker behind a link that comes back would. Cutting the real network link (firewall rules
 * between hosts) is for a multi-host deployment test, e.g. the Ansible namespace deploy test where one exists; this
 * test needs no root network privileges and runs on any machine.
 *
 * <p>While it is frozen, the other worker presumes it dead after 20 s, re-runs the video with a new run id and
 * stores its faces. When the frozen worker wakes, its run id is stale: it must write nothing, so the faces stay
 * exactly those of the second run (the same rows, not merely as many) and the video stays done.
 *
 * <p>How the stale run is stopped depends on timing, and either way it must write nothing: on waking, the worker's
 * JobRunr finds that its job has moved on (another server ran it) and interrupts the job's thread, whose next JDBC
 * call then fails ("Closed by interrupt"); a run that reaches its write before that is refused by the run-id check.
 * The test waits until no thread of the woken worker is in the job any more (a thread dump), then checks the
 * database, and prints which way it went.
 */
class NetworkPartitionIT {

    static final int FRAMES = 50;

    static PrivateRedis redis;
    static FaultCluster cluster;

    @BeforeAll
    static void fleet() {
        redis = PrivateRedis.start("partition");
        cluster = FaultCluster.create("facefleet_it_partition", DatabaseSettings.fromEnvironment(), redis.port());
        cluster.setFramesPerVideo(FRAMES);
        cluster.startWorkers(1, List.of(), "partition-a", "partition-b");
    }

    @AfterAll
    static void stop() {
        try (PrivateRedis r = redis; FaultCluster c = cluster) {
            // closed in reverse order: the workers (a frozen one is killed) and the database, then Redis
        }
    }

    @Test
    void aWorkerThatComesBackAfterItsVideoWasRedoneElsewhereWritesNothing() {
        Facts facts = new Facts(cluster.jdbc());
        PipelineFixture fixture = cluster.fixture();

        long video = fixture.queueVideo("videos/obama_whcd_hk.mp4");
        String job = facts.videoJob(video);
        cluster.until(FaultCluster.WORK, "a worker processing the video", () ->
                facts.processingServer(job).isPresent() && cluster.video(video).status() == VideoStatus.PROCESSING);
        WorkerProcess cutOff = cluster.worker(facts.processingServer(job).orElseThrow());
        WorkerProcess other = cluster.otherThan(cutOff);
        UUID staleRun = cluster.video(video).runId();

        cluster.expectDown(cutOff);
        Instant frozenAt = Instant.now();
        cutOff.freeze();
        cluster.until(FaultCluster.WORK, "the video redone by " + other, () -> {
            Video v = cluster.video(video);
            return v.status() == VideoStatus.DONE && !staleRun.equals(v.runId());
        });
        Duration recovery = Duration.between(frozenAt, Instant.now());
        Video redone = cluster.video(video);
        List<Long> faces = facts.detectionIds(video);
        List<Long> tags = facts.taggedCreators(video);
        assertThat(faces).isNotEmpty();

        Instant thawedAt = Instant.now();
        cutOff.thaw();
        // It wakes up in the middle of its frames and carries on until it tries to write or notices it lost the job.
        cluster.until(FaultCluster.WORK, cutOff + " ending its stale run", () -> !cutOff.isRunning(ProcessVideoJob.class));
        Duration staleRunEnd = Duration.between(thawedAt, Instant.now());
        String ending = cutOff.logText().contains("Video " + video + ": run " + staleRun + " was superseded")
                ? "refused by the run-id check" : "interrupted by JobRunr, which found the job taken over";
        cluster.until(FaultCluster.WORK, cutOff + " back in the fleet", () -> cluster.jdbc().sql("""
                        SELECT count(*) FROM jobrunr_backgroundjobservers WHERE name = ? AND running = 1""")
                .param(cutOff.name()).query(Integer.class).single() > 0);
        cutOff.checkAlive();

        System.out.printf("NetworkPartitionIT: froze %s in the middle of video %d (%d frames); %s redid it %.1f s"
                        + " later; thawed, its stale run ended %.1f s later, %s%n",
                cutOff, video, FRAMES, other, recovery.toMillis() / 1000.0, staleRunEnd.toMillis() / 1000.0, ending);
        facts.history(job).forEach(s -> System.out.println("  " + s));

        Video after = cluster.video(video);
        assertThat(after.status()).isEqualTo(VideoStatus.DONE);
        assertThat(after.error()).isNull();
        assertThat(after.runId()).isEqualTo(redone.runId());
        assertThat(after.processedAt()).isEqualTo(redone.processedAt());
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(facts.detectionIds(video)).as("the faces of the second run, untouched").isEqualTo(faces);
        assertThat(facts.taggedCreators(video)).isEqualTo(tags);
        assertThat(facts.duplicateFaces(video)).isZero();
        assertThat(facts.faceWrites(video)).isEqualTo(1);
        assertThat(facts.state(job)).isEqualTo("SUCCEEDED");
        assertThat(facts.jobIds("ProcessVideoHandler", "videoId", video)).containsExactly(job);
        assertThat(fixture.noJobsLeft()).isTrue();
    }
}
