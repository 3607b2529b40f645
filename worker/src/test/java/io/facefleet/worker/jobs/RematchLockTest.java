package io.facefleet.worker.jobs;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.jobs.RematchCreatorRequest;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchRule;
import io.facefleet.common.store.TrackCandidate;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.WorkerApplication;
import io.facefleet.worker.support.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rematches are serialised by the Redis lock: while one holds it, another waits, then runs. And a reviewer's
 * rejection committed while a rematch is under way is honoured by it.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"facefleet.model-pack=dev-512", "jobrunr.background-job-server.worker-count=2"})
@Import(PipelineFixture.class)
@DirtiesContext
class RematchLockTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_rematch");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.register(DB, registry);
    }

    @Autowired
    PipelineFixture fixture;

    @Autowired
    RematchLock lock;

    @Autowired
    RematchCreatorJob rematch;

    @Autowired
    FaceTrackStore faceTracks;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private static Long video;
    private static Long obama;

    /** Obama's video, processed, and Obama enrolled (which tags it); once for both tests. */
    private synchronized void obamaTagged() {
        if (video == null) {
            video = fixture.queueVideo("videos/obama_whcd_hk.mp4");
            fixture.awaitVideo(video, VideoStatus.DONE);
            obama = fixture.enrol("Barack Obama", "photos/Barack_Obama/fr_obama2.jpg");
            fixture.awaitEnrolled(obama);
        }
        assertThat(fixture.tagsOf(video)).containsExactly("Barack Obama");
    }

    @Test
    void aSecondRematchWaitsForTheFirstAndThenTagsTheVideo() throws Exception {
        obamaTagged();

        // A first rematch holds the lock (on another thread, as another worker would) ...
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> lock.run("first rematch", () -> {
            holding.countDown();
            await(release);
            return System.nanoTime();
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        // ... so a second one, run as JobRunr would run it, waits.
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> {
            try {
                rematch.run(new RematchCreatorRequest(obama));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return System.nanoTime();
        });
        Thread.sleep(2000);
        assertThat(lock.isHeld()).isTrue();
        assertThat(second).as("the second rematch waits while the first holds the lock").isNotDone();

        release.countDown();
        long firstEnded = first.get(10, TimeUnit.SECONDS);
        long secondEnded = second.get(30, TimeUnit.SECONDS);
        assertThat(secondEnded).isGreaterThan(firstEnded);
        assertThat(lock.isHeld()).isFalse();
        assertThat(fixture.tagsOf(video)).containsExactly("Barack Obama");
    }

    @Test
    void aRejectionCommittedWhileARematchWaitsForTheFaceIsHonoured() throws Exception {
        obamaTagged();
        long face = jdbc.sql("""
                        SELECT id FROM face_tracks WHERE video_id = ? AND matched_creator_id = ?
                        ORDER BY match_confidence DESC LIMIT 1""")
                .params(video, obama).query(Long.class).single();

        // A reviewer rejects Obama for the face, as ReviewDecisions does: the row stays locked until they commit ...
        CountDownLatch rowLocked = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> reviewer = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            jdbc.sql("SELECT id FROM face_tracks WHERE id = ? FOR UPDATE").param(face).query(Long.class).single();
            jdbc.sql("INSERT INTO track_rejections (track_id, creator_id) VALUES (?, ?)").params(face, obama).update();
            jdbc.sql("""
                            UPDATE face_tracks SET match_status = 'unmatched', matched_creator_id = NULL,
                              match_confidence = NULL WHERE id = ?""").param(face).update();
            rowLocked.countDown();
            await(commit);
        }));
        assertThat(rowLocked.await(10, TimeUnit.SECONDS)).isTrue();

        // ... while a rematch for Obama, which found the face before the rejection, offers it to him again.
        CompletableFuture<Boolean> rematching = CompletableFuture.supplyAsync(() -> transactions.execute(tx ->
                !faceTracks.improveMatches(obama, List.of(new TrackCandidate(face, faceTracks.videoOf(face).orElseThrow(),
                        0.99f)), new MatchRule(0.3f, 0.5f)).isEmpty()));
        Thread.sleep(1000);
        assertThat(rematching).as("the rematch waits for the reviewer's transaction").isNotDone();
        commit.countDown();
        reviewer.get(10, TimeUnit.SECONDS);

        assertThat(rematching.get(10, TimeUnit.SECONDS)).as("the rematch gave the face back to Obama").isFalse();
        assertThat(jdbc.sql("SELECT match_status FROM face_tracks WHERE id = ?").param(face)
                .query(String.class).single()).isEqualTo("unmatched");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
