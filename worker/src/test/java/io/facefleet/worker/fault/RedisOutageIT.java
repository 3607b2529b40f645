package io.facefleet.worker.fault;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.jobs.PipelineFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis, which holds the rematch lock, goes away. Enrolling a creator needs no Redis, but the rematch it queues
 * does: it fails and JobRunr schedules a retry. Redis comes back on the same port, the retry takes the lock and
 * the faces of a video processed earlier are matched once, consistently.
 *
 * <p>The worker's Redisson client has been connected before the outage (an earlier enrolment's rematch took the
 * lock), so this also shows it reconnecting. JobRunr's retry back-off is seed^attempt seconds (seed 3 by
 * default); the worker here uses seed 1 so the retries come quickly.
 */
class RedisOutageIT {

    static PrivateRedis redis;
    static FaultCluster cluster;

    @BeforeAll
    static void fleet() {
        redis = PrivateRedis.start("outage");
        cluster = FaultCluster.create("facefleet_it_redis", DatabaseSettings.fromEnvironment(), redis.port());
        cluster.startWorker("redis-a", 1, List.of("--jobrunr.jobs.retry-back-off-time-seed=1"));
    }

    @AfterAll
    static void stop() {
        try (PrivateRedis r = redis; FaultCluster c = cluster) {
            // closed in reverse order: the worker and the database, then Redis
        }
    }

    @Test
    void aRematchThatFailedWhileRedisWasDownIsRetriedAndMatchesEachFaceOnce() {
        Facts facts = new Facts(cluster.jdbc());
        PipelineFixture fixture = cluster.fixture();

        long video = fixture.queueVideo("videos/obama_whcd_hk.mp4");
        long biden = fixture.enrol("Joe Biden", "photos/Joe_Biden/fr_biden.jpg");
        cluster.until(FaultCluster.WORK, "the video done and Biden enrolled", () ->
                cluster.video(video).status() == VideoStatus.DONE && fixture.noJobsLeft());
        assertThat(facts.history(facts.onlyJob("RematchCreatorHandler", "creatorId", biden)))
                .extracting(Facts.JobState::state).last().isEqualTo("SUCCEEDED");
        List<Long> faces = facts.trackIds(video);
        assertThat(faces).isNotEmpty();
        assertThat(fixture.tagsOf(video)).isEmpty();

        redis.stop();
        assertThat(redis.answersPing()).isFalse();
        Instant down = Instant.now();
        long obama = fixture.enrol("Barack Obama", "photos/Barack_Obama/fr_obama.jpg");
        cluster.until(FaultCluster.WORK, "Obama's rematch failed and scheduled for a retry", () -> {
            List<String> jobs = facts.jobIds("RematchCreatorHandler", "creatorId", obama);
            return jobs.size() == 1 && failedThenScheduled(facts.history(jobs.getFirst()));
        });
        String rematch = facts.onlyJob("RematchCreatorHandler", "creatorId", obama);
        Duration toFailure = Duration.between(down, Instant.now());
        assertThat(cluster.jdbc().sql("SELECT count(*) FROM creator_face_embeddings WHERE creator_id = ?")
                .param(obama).query(Integer.class).single()).as("enrolment needs no Redis").isEqualTo(1);

        redis.start();
        Instant up = Instant.now();
        cluster.until(FaultCluster.WORK, "Obama's rematch done", () ->
                facts.state(rematch).equals("SUCCEEDED") && fixture.noJobsLeft());
        Duration recovery = Duration.between(up, Instant.now());

        List<Facts.JobState> history = facts.history(rematch);
        System.out.printf("RedisOutageIT: the rematch failed %.1f s after Redis went down; %.1f s after Redis came"
                        + " back it had run (%d failed attempts)%n", toFailure.toMillis() / 1000.0,
                recovery.toMillis() / 1000.0, history.stream().filter(s -> s.state().equals("FAILED")).count());
        history.forEach(s -> System.out.println("  " + s));

        assertThat(history).extracting(Facts.JobState::state).containsSubsequence("FAILED", "SCHEDULED", "SUCCEEDED");
        assertThat(history).extracting(Facts.JobState::state).filteredOn("SUCCEEDED"::equals).hasSize(1);
        assertThat(history).filteredOn(s -> s.state().equals("FAILED")).first().extracting(Facts.JobState::exceptionType)
                .asString().as("the failure is Redisson's").startsWith("org.redisson.");
        assertThat(history).filteredOn(s -> s.state().equals("SCHEDULED")).first().extracting(Facts.JobState::message)
                .as("the rematch's own @Job(retries = 5), not JobRunr's default 3").isEqualTo("Retry 1 of 5");
        assertThat(facts.jobIds("EnrolCreatorHandler", "creatorId", obama)).hasSize(1);

        assertThat(facts.trackIds(video)).as("the same faces, none added or duplicated").isEqualTo(faces);
        assertThat(facts.tracksOf(video, obama, "matched")).isPositive();
        assertThat(facts.wronglyMatchedFaces(video)).isEmpty();
        assertThat(facts.wrongTags(video)).isEmpty();
        assertThat(facts.taggedCreators(video)).containsExactly(obama);
    }

    private static boolean failedThenScheduled(List<Facts.JobState> history) {
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i - 1).state().equals("FAILED") && history.get(i).state().equals("SCHEDULED")) {
                return true;
            }
        }
        return false;
    }
}
