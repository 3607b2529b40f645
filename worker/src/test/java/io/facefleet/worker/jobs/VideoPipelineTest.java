package io.facefleet.worker.jobs;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.WorkerApplication;
import io.facefleet.worker.support.FreshDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job on real data: real PostgreSQL + pgvector, real Redis, the dev-512 models, JobRunr running the
 * jobs. The tests build on each other in order, as a library would grow.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"facefleet.model-pack=dev-512", "jobrunr.background-job-server.worker-count=2"})
@Import(PipelineFixture.class)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VideoPipelineTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_pipeline");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.register(DB, registry);
    }

    @Autowired
    PipelineFixture fixture;

    static long miranda;
    static long biden;
    static long obamaVideo;

    @Test
    @Order(1)
    void theHamiltonClipIsTaggedWithLinManuelMirandaAndNotBiden() {
        miranda = fixture.enrol("Lin-Manuel Miranda", "photos/Lin-Manuel_Miranda/fr_lin-manuel-miranda.png");
        biden = fixture.enrol("Joe Biden", "photos/Joe_Biden/fr_biden.jpg");
        fixture.awaitEnrolled(miranda);
        fixture.awaitEnrolled(biden);

        long hamilton = fixture.queueVideo("videos/fr_short_hamilton_clip.mp4");
        Video done = fixture.awaitVideo(hamilton, VideoStatus.DONE);

        System.out.printf("hamilton: Miranda best %.3f, Biden best %.3f%n", fixture.bestSimilarity(hamilton, miranda),
                fixture.bestSimilarity(hamilton, biden));
        assertThat(fixture.tagsOf(hamilton)).containsExactly("Lin-Manuel Miranda");
        fixture.printTracks("hamilton", hamilton);
        assertThat(done.durationSeconds()).isBetween(9.9, 10.1);
        assertThat(done.width()).isEqualTo(640);
        assertThat(done.height()).isEqualTo(360);
        assertThat(fixture.tracksWithStatus(hamilton, "matched")).isPositive();
    }

    @Test
    @Order(2)
    void strangersInTheStreetTagNobody() {
        long street = fixture.queueVideo("videos/fp_video.mp4");
        fixture.awaitVideo(street, VideoStatus.DONE);
        System.out.printf("fp_video: Miranda best %.3f, Biden best %.3f%n", fixture.bestSimilarity(street, miranda),
                fixture.bestSimilarity(street, biden));
        assertThat(fixture.tagsOf(street)).isEmpty();
        fixture.printTracks("fp_video", street);
        assertThat(fixture.tracksWithStatus(street, "matched")).isZero();
        assertThat(fixture.tracksWithStatus(street, "unmatched")).isPositive();
    }

    @Test
    @Order(3)
    void obamaIsFoundInHisVideoOnceHeIsEnrolled() {
        obamaVideo = fixture.queueVideo("videos/obama_whcd_hk.mp4");
        fixture.awaitVideo(obamaVideo, VideoStatus.DONE);
        assertThat(fixture.tagsOf(obamaVideo)).isEmpty();
        assertThat(fixture.tracksWithStatus(obamaVideo, "matched")).isZero();

        long obama = fixture.enrol("Barack Obama", "photos/Barack_Obama/fr_obama.jpg");
        fixture.awaitEnrolled(obama);

        System.out.printf("obama video: Obama best %.3f%n", fixture.bestSimilarity(obamaVideo, obama));
        assertThat(fixture.tagsOf(obamaVideo)).containsExactly("Barack Obama");
        assertThat(fixture.tracksWithStatus(obamaVideo, "matched"))
                .as("Obama speaks throughout: one track, one entry").isEqualTo(1);
        fixture.printTracks("obama_whcd_hk", obamaVideo);
    }

    @Test
    @Order(4)
    void processingAVideoAgainReplacesItsFacesInsteadOfAddingToThem() {
        int before = fixture.tracksWithStatus(obamaVideo, "matched");
        long again = fixture.queueVideo("videos/obama_whcd_hk.mp4");
        assertThat(again).isEqualTo(obamaVideo);
        fixture.awaitVideo(obamaVideo, VideoStatus.DONE);
        fixture.awaitVideo(obamaVideo, VideoStatus.DONE);
        org.awaitility.Awaitility.await().until(fixture::noJobsLeft);
        assertThat(fixture.tracksWithStatus(obamaVideo, "matched")).isEqualTo(before);
        assertThat(fixture.tagsOf(obamaVideo)).containsExactly("Barack Obama");
    }
}
