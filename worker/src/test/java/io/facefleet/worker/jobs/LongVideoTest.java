package io.facefleet.worker.jobs;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.VideoLifecycle;
import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.common.store.VideoStore;
import io.facefleet.worker.WorkerApplication;
import io.facefleet.worker.support.FreshDatabase;
import io.facefleet.worker.video.LongVideos;
import io.facefleet.worker.video.SamplingReport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Ten-minute videos (made from the sample clips by scripts/long-videos.sh): strangers throughout, Barack Obama on
 * screen from 301 s to 306 s. Sampled every 2 s, followed as face tracks, embedded a few times per track.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"facefleet.model-pack=dev-512", "jobrunr.background-job-server.worker-count=1"})
@Import(PipelineFixture.class)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LongVideoTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_long_video");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.register(DB, registry);
    }

    @Autowired
    PipelineFixture fixture;
    @Autowired
    VideoFaceFinder finder;
    @Autowired
    VideoResultWriter writer;
    @Autowired
    VideoStore videos;
    @Autowired
    ConfigStore configs;
    @Autowired
    FaceTrackStore faceTracks;
    @Autowired
    JdbcClient jdbc;

    @Test
    @Order(1)
    void enrolTheKnownPeople() {
        long obama = fixture.enrol("Barack Obama", "photos/Barack_Obama/fr_obama.jpg");
        long biden = fixture.enrol("Joe Biden", "photos/Joe_Biden/fr_biden.jpg");
        long miranda = fixture.enrol("Lin-Manuel Miranda", "photos/Lin-Manuel_Miranda/fr_lin-manuel-miranda.png");
        long jolie = fixture.enrol("Angelina Jolie", "photos/Angelina_Jolie/df_img1.jpg");
        for (long creator : new long[]{obama, biden, miranda, jolie}) {
            fixture.awaitEnrolled(creator);
        }
    }

    @Test
    @Order(2)
    void obamaIsTaggedForHisFiveSecondsWhereKeyframesComeEveryTwoSeconds() {
        processAndCheck(LongVideos.keyframeEvery2s(480));
    }

    /**
     * Keyframes every 10 s are too sparse for a 2 s interval: the sampler decodes reference frames and seeks. The
     * file is cut at 60 % of its bytes, after Obama's five seconds.
     */
    @Test
    @Order(3)
    void aVideoCutShortKeepsTheFacesBeforeTheDamageAndSaysItIsPartial(@TempDir Path library) throws IOException {
        byte[] whole = Files.readAllBytes(LongVideos.keyframeEvery10s(480));
        Path cut = Files.write(library.resolve("cut-short.mp4"), Arrays.copyOf(whole, whole.length * 6 / 10));

        long id = fixture.queueVideo(cut);
        Video done = fixture.awaitVideo(id, VideoStatus.DONE);

        double lastSighting = jdbc.sql("SELECT max(last_seen_seconds) FROM face_tracks WHERE video_id = ?")
                .param(id).query(Double.class).single();
        String partial = jdbc.sql("SELECT partial_reason FROM videos WHERE id = ?").param(id)
                .query(String.class).single();
        System.out.printf("cut at 60 %% of its bytes: done, partial: %s; %d tracks, last face at %.1f s of %.1f s%n",
                partial, faceTracks.count(id), lastSighting, done.durationSeconds());
        assertThat(partial).isNotBlank();
        assertThat(lastSighting).isBetween(306.0, 0.75 * done.durationSeconds());
        assertThat(fixture.tagsOf(id)).containsExactly("Barack Obama");
        double[] obama = onScreen(id, "Barack Obama", 2.0);
        assertThat(obama[0]).isCloseTo(301.0, within(2.0));
        assertThat(obama[1]).isCloseTo(306.0, within(2.0));
    }

    @Test
    @Order(4)
    void aLongVideoDamagedAtItsStartFailsWithFfmpegsReason(@TempDir Path library) throws IOException {
        byte[] damaged = Files.readAllBytes(LongVideos.keyframeEvery2s(480));
        Arrays.fill(damaged, 0, 64 * 1024, (byte) 0x5a);
        Path file = Files.write(library.resolve("damaged.mp4"), damaged);

        long id = fixture.queueVideo(file);
        Video failed = fixture.awaitVideo(id, VideoStatus.FAILED);

        System.out.println("damaged at its start: " + failed.error());
        assertThat(failed.error()).contains("damaged.mp4").contains("Invalid data found when processing input");
        assertThat(faceTracks.count(id)).isZero();
    }

    private void processAndCheck(Path file) {
        VideoLifecycle lifecycle = new VideoLifecycle(videos);
        Video video = lifecycle.found(file.toString(), size(file), java.time.Instant.now());
        UUID run = lifecycle.processing(video.id()).orElseThrow();
        RecognitionConfig config = configs.get();

        VideoFaceFinder.Result result = finder.find(file, config, frames -> { });
        assertThat(writer.store(video.id(), run, result, config)).isTrue();

        SamplingReport sampling = result.sampling();
        int tracks = faceTracks.count(video.id());
        int faces = faceTracks.sightingCount(video.id());
        double[] obama = onScreen(video.id(), "Barack Obama", sampling.intervalSeconds());
        System.out.printf("%s: %s mode, %d frames sampled of %d decoded (keyframe every %s s) in %.1f s CPU;"
                        + " %d faces in %d tracks (%.1f faces per index row), %d recognizer runs (%.2f per track);"
                        + " tags %s; Obama on screen %.1f-%.1f s (truth 301.0-306.0 s)%n",
                file.getFileName(), sampling.mode(), sampling.framesSampled(), sampling.framesDecoded(),
                sampling.keyframeIntervalSeconds(), sampling.cpuSeconds(), faces, tracks, (double) faces / tracks,
                result.recognizerRuns(), (double) result.recognizerRuns() / tracks, fixture.tagsOf(video.id()),
                obama[0], obama[1]);

        assertThat(fixture.tagsOf(video.id())).containsExactly("Barack Obama");
        assertThat(obama[0]).isCloseTo(301.0, within(2.0));
        assertThat(obama[1]).isCloseTo(306.0, within(2.0));
        assertThat(sampling.framesSampled()).isBetween(295, 305);
        assertThat(sampling.partialReason()).isNull();
        assertThat(faces).as("faces per row in the HNSW index").isGreaterThanOrEqualTo(5 * tracks);
        assertThat(result.recognizerRuns()).isLessThanOrEqualTo(4 * tracks);
    }

    /** From the first to the last sighting of the creator's tracks, half an interval wider each side. */
    private double[] onScreen(long videoId, String creator, double interval) {
        return jdbc.sql("""
                        SELECT min(d.first_seen_seconds), max(d.last_seen_seconds) FROM face_tracks d
                        JOIN creators c ON c.id = d.matched_creator_id
                        WHERE d.video_id = ? AND c.name = ? AND d.match_status IN ('matched', 'confirmed')""")
                .params(videoId, creator)
                .query((rs, n) -> new double[]{rs.getDouble(1) - interval / 2, rs.getDouble(2) + interval / 2})
                .single();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
