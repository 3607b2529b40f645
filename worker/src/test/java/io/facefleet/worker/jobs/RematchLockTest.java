package io.facefleet.worker.jobs;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.jobs.RematchCreatorRequest;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.WorkerApplication;
import io.facefleet.worker.support.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Rematches are serialised by the Redis lock: while one holds it, another waits, then runs. */
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

    @Test
    void aSecondRematchWaitsForTheFirstAndThenTagsTheVideo() throws Exception {
        long video = fixture.queueVideo("videos/obama_whcd_hk.mp4");
        fixture.awaitVideo(video, VideoStatus.DONE);
        long obama = fixture.enrol("Barack Obama", "photos/Barack_Obama/fr_obama2.jpg");
        fixture.awaitEnrolled(obama);
        assertThat(fixture.tagsOf(video)).containsExactly("Barack Obama");

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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
