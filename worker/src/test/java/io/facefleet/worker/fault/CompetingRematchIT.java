package io.facefleet.worker.fault;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.jobs.EnrolCreatorRequest;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.jobs.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two creators enrolled at the same moment on a worker running two jobs at once: their rematches compete for the
 * same faces of a video processed before either was enrolled. "Obama A" and "Obama B" are the same man from two
 * different photos, so most of his faces are within reach of both. Whatever order the rematches run in (the
 * Redisson lock lets one at a time), each face must end with the creator whose embedding is nearest by cosine
 * similarity, as if the video had been processed after both enrolments.
 */
class CompetingRematchIT {

    static PrivateRedis redis;
    static FaultCluster cluster;

    @BeforeAll
    static void fleet() {
        redis = PrivateRedis.start("rematch");
        cluster = FaultCluster.create("facefleet_it_rematch", DatabaseSettings.fromEnvironment(), redis.port());
        cluster.startWorker("rematch-a", 2, List.of());
    }

    @AfterAll
    static void stop() {
        try (PrivateRedis r = redis; FaultCluster c = cluster) {
            // closed in reverse order: the worker and the database, then Redis
        }
    }

    @Test
    void eachFaceEndsWithItsNearestCreatorWhateverOrderTheRematchesRanIn() {
        Facts facts = new Facts(cluster.jdbc());
        PipelineFixture fixture = cluster.fixture();
        CreatorStore creators = cluster.creators();

        long video = fixture.queueVideo("videos/obama_whcd_hk.mp4");
        cluster.until(FaultCluster.WORK, "the video done", () -> cluster.video(video).status() == VideoStatus.DONE);
        assertThat(facts.trackIds(video)).isNotEmpty();

        long a = creators.create("Obama A");
        creators.addPhoto(a, "fr_obama.jpg", read("photos/Barack_Obama/fr_obama.jpg"));
        long b = creators.create("Obama B");
        creators.addPhoto(b, "fr_obama2.jpg", read("photos/Barack_Obama/fr_obama2.jpg"));
        cluster.jobs().enqueue(Stream.of(new EnrolCreatorRequest(a), new EnrolCreatorRequest(b)));
        cluster.until(FaultCluster.WORK, "both enrolled and both rematches done", () ->
                creators.embeddingCount(a) == 1 && creators.embeddingCount(b) == 1
                        && facts.jobIds("RematchCreatorHandler", "creatorId", a).size() == 1
                        && facts.jobIds("RematchCreatorHandler", "creatorId", b).size() == 1
                        && fixture.noJobsLeft());

        List<Facts.JobState> rematchA = facts.history(facts.onlyJob("RematchCreatorHandler", "creatorId", a));
        List<Facts.JobState> rematchB = facts.history(facts.onlyJob("RematchCreatorHandler", "creatorId", b));
        List<Facts.Nearest> nearest = facts.nearest(video);
        float match = facts.threshold("match_threshold");
        long contested = cluster.jdbc().sql("""
                        SELECT count(*) FROM face_tracks d JOIN face_track_embeddings t ON t.track_id = d.id
                        WHERE d.video_id = ?
                          AND (SELECT count(DISTINCT e.creator_id) FROM creator_face_embeddings e
                               WHERE 1 - (t.embedding <=> e.embedding) >= ?) = 2""")
                .params(video, match).query(Long.class).single();
        System.out.printf("CompetingRematchIT: rematch of %s ran first; %d faces, %d within reach of both creators;"
                        + " nearest A: %d, nearest B: %d%n",
                finished(rematchA).isBefore(finished(rematchB)) ? "Obama A" : "Obama B", nearest.size(), contested,
                nearest.stream().filter(n -> Long.valueOf(a).equals(n.nearestCreator()) && n.nearestSimilarity() >= match).count(),
                nearest.stream().filter(n -> Long.valueOf(b).equals(n.nearestCreator()) && n.nearestSimilarity() >= match).count());
        nearest.forEach(n -> System.out.println("  " + n));

        assertThat(rematchA).extracting(Facts.JobState::state).last().isEqualTo("SUCCEEDED");
        assertThat(rematchB).extracting(Facts.JobState::state).last().isEqualTo("SUCCEEDED");
        assertThat(contested).as("faces both rematches compete for").isPositive();
        assertThat(facts.wronglyMatchedFaces(video)).isEmpty();
        assertThat(facts.wrongTags(video)).isEmpty();
    }

    private static java.time.Instant finished(List<Facts.JobState> history) {
        return history.stream().filter(s -> s.state().equals("SUCCEEDED")).map(Facts.JobState::at)
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    private static byte[] read(String facedata) {
        Path file = PipelineFixture.FIXTURES.facedata(facedata);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
