package io.facefleet.worker.fault;

import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.jobs.PipelineFixture;
import io.facefleet.worker.video.LongVideos;
import io.facefleet.worker.jobs.ProcessVideoJob;
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
 * A worker host cut off from the fleet in the middle of a video, whose link comes back after its video was redone
 * elsewhere.
 *
 * <p>Worker {@code partition-a} runs on a host of its own, a network namespace ({@link HostNamespace}) that reaches
 * the test's PostgreSQL and Redis only through its veth link; {@code partition-b} runs beside them. Two copies of
 * one video are queued and each worker (one job at a time) takes one. In the middle of a's copy the link is taken
 * down inside a's namespace: a keeps running and its connections stay open, but no heartbeat, query or write gets
 * through. b presumes a dead after four poll intervals (20 s), runs a's video again with a new run id and stores
 * its faces. Then the link comes back.
 *
 * <p>a's run is stale now and must write nothing: its faces stay exactly those of the second run (the same rows,
 * not merely as many, and the same faces as the undisturbed copy) and the video stays done. How the stale run ends
 * depends on timing, and either way it writes nothing: JobRunr on a finds that its job has moved on and interrupts
 * the job's thread, whose next JDBC call then fails; a run that reaches its write first is refused by the run-id
 * check. The test waits until no thread of a is in the job any more (a thread dump), checks the database, and
 * prints which way it went. Last, a must take work again: JobRunr stops a server whose heartbeat fails, and the
 * worker starts it again once the database answers ({@code JobServerRevival}).
 */
class NetworkPartitionIT {

    static final int FRAMES = 100;

    static HostNamespace host;
    static PrivatePostgres postgres;
    static PrivateRedis redis;
    static FaultCluster cluster;
    static Path copies;

    @BeforeAll
    static void fleet() throws IOException {
        copies = Files.createTempDirectory("facefleet-fault-partition-");
        host = HostNamespace.create("part");
        postgres = PrivatePostgres.start(host.hostAddress());
        redis = PrivateRedis.start("partition", host.hostAddress());
        cluster = FaultCluster.create("facefleet_it_partition", postgres.server(), redis.port());
        cluster.setFramesPerVideo(FRAMES);
        cluster.startWorkerIn(host, "partition-a", 1);
        cluster.startWorker("partition-b", 1, List.of());
    }

    @AfterAll
    static void stop() throws IOException {
        try (HostNamespace h = host; PrivatePostgres p = postgres; PrivateRedis r = redis; FaultCluster c = cluster) {
            // closed in reverse order: the workers and the database, Redis, PostgreSQL, then the namespace
        } finally {
            Cleanup.deleteTree(copies);
        }
    }

    @Test
    void aWorkerWhoseLinkComesBackAfterItsVideoWasRedoneElsewhereWritesNothing() throws IOException {
        Facts facts = new Facts(cluster.jdbc());
        PipelineFixture fixture = cluster.fixture();
        WorkerProcess cutOff = cluster.worker("partition-a");
        WorkerProcess other = cluster.worker("partition-b");
        // A 10-minute video: the sample clips take about a second now, too little for both workers to be seen
        // processing a copy at once (each polls for jobs every 5 s).
        Path source = LongVideos.keyframeEvery2s(480);
        long first = fixture.queueVideo(Files.copy(source, copies.resolve("first.mp4")));
        long second = fixture.queueVideo(Files.copy(source, copies.resolve("second.mp4")));
        cluster.until(FaultCluster.WORK, "each worker processing a copy", () ->
                facts.processingServer(facts.videoJob(first)).isPresent()
                        && facts.processingServer(facts.videoJob(second)).isPresent()
                        && cluster.video(first).status() == VideoStatus.PROCESSING
                        && cluster.video(second).status() == VideoStatus.PROCESSING);
        boolean firstIsCutOffs = facts.processingServer(facts.videoJob(first)).orElseThrow().equals(cutOff.name());
        long video = firstIsCutOffs ? first : second;
        long undisturbed = firstIsCutOffs ? second : first;
        String job = facts.videoJob(video);
        assertThat(facts.processingServer(job)).contains(cutOff.name());
        UUID staleRun = cluster.video(video).runId();

        Instant cutAt = Instant.now();
        host.linkDown();
        cluster.until(FaultCluster.WORK, "the video redone by " + other, () -> {
            Video v = cluster.video(video);
            return v.status() == VideoStatus.DONE && !staleRun.equals(v.runId());
        });
        Duration recovery = Duration.between(cutAt, Instant.now());
        cluster.until(FaultCluster.WORK, "the undisturbed copy done", () ->
                cluster.video(undisturbed).status() == VideoStatus.DONE);
        Video redone = cluster.video(video);
        List<Long> faces = facts.trackIds(video);
        List<Long> tags = facts.taggedCreators(video);
        assertThat(faces).isNotEmpty();

        Instant upAt = Instant.now();
        host.linkUp();
        // It carries on from where it was until it tries to write or notices it lost the job.
        cluster.until(FaultCluster.WORK, cutOff + " ending its stale run", () -> !cutOff.isRunning(ProcessVideoJob.class));
        Duration staleRunEnd = Duration.between(upAt, Instant.now());
        String ending = cutOff.logText().contains("Video " + video + ": run " + staleRun + " was superseded")
                ? "refused by the run-id check" : "interrupted by JobRunr before it wrote anything";
        cluster.until(FaultCluster.WORK, cutOff + " back in the fleet", () -> cluster.jdbc().sql("""
                        SELECT count(*) FROM jobrunr_backgroundjobservers WHERE name = ? AND running = 1""")
                .param(cutOff.name()).query(Integer.class).single() > 0);
        cutOff.checkAlive();
        Duration rejoined = Duration.between(upAt, Instant.now());
        String rejoin = cutOff.logText().contains("the database answers again, so it starts again")
                ? "JobRunr had stopped its server and the worker started it again"
                : "its JobRunr server re-announced itself";

        System.out.printf("NetworkPartitionIT: cut %s's link (%s) in the middle of video %d (%d frames); %s redid it"
                        + " %.1f s later; link up again, the stale run ended %.1f s later, %s; back in the fleet %.1f s"
                        + " after the link came up (%s)%n",
                cutOff, host, video, FRAMES, other, recovery.toMillis() / 1000.0, staleRunEnd.toMillis() / 1000.0,
                ending, rejoined.toMillis() / 1000.0, rejoin);
        facts.history(job).forEach(s -> System.out.println("  " + s));

        Video after = cluster.video(video);
        assertThat(after.status()).isEqualTo(VideoStatus.DONE);
        assertThat(after.error()).isNull();
        assertThat(after.runId()).isEqualTo(redone.runId());
        assertThat(after.processedAt()).isEqualTo(redone.processedAt());
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(facts.trackIds(video)).as("the faces of the second run, untouched").isEqualTo(faces);
        assertThat(facts.taggedCreators(video)).isEqualTo(tags);
        assertThat(facts.duplicateFaces(video)).isZero();
        assertThat(facts.faceWrites(video)).isEqualTo(1);
        List<Facts.Detection> expected = facts.detections(undisturbed);
        List<Facts.Detection> found = facts.detections(video);
        assertThat(found).hasSameSizeAs(expected);
        for (int i = 0; i < found.size(); i++) {
            assertThat(found.get(i).sameFaceAs(expected.get(i), 1f))
                    .as("%s is %s of the undisturbed copy", found.get(i), expected.get(i)).isTrue();
        }
        assertThat(facts.state(job)).isEqualTo("SUCCEEDED");
        assertThat(facts.history(job)).filteredOn(s -> s.state().equals("PROCESSING"))
                .extracting(Facts.JobState::serverName).containsExactly(cutOff.name(), other.name());
        assertThat(facts.jobIds("ProcessVideoHandler", "videoId", video)).containsExactly(job);
        // each video's clustering of unknown faces follows its job and may still run (as in WorkerCrashIT)
        cluster.until(Duration.ofMinutes(1), "no jobs left", fixture::noJobsLeft);
    }
}
