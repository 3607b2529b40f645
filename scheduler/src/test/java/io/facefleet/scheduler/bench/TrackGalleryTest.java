package io.facefleet.scheduler.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.common.matching.TrackGallery;
import io.facefleet.common.store.BenchStore;
import io.facefleet.common.store.CandidateTracks;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.NearTrack;
import io.facefleet.common.store.NewFaceTrack;
import io.facefleet.common.store.TemplatesRead;
import io.facefleet.common.store.TrackEmbedding;
import io.facefleet.common.store.Vectors;
import io.facefleet.scheduler.support.SteppedClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The nearest face tracks found among the templates' binary codes against the exact nearest by brute force, over
 * 4,000 synthetic tracks of 400 people (as the bench's), and the tracks written after the codes were read: committed
 * since, written by the searching transaction, rolled back, deleted, or by a transaction running as they were read.
 */
class TrackGalleryTest {

    private static final int PEOPLE = 400;
    private static final int VIDEOS = 500;
    private static final Random random = new Random(17);
    private static final SyntheticEmbeddings embeddings = new SyntheticEmbeddings(random, 512);
    private static DatabaseSettings db;
    private static HikariDataSource ds;
    private static FaceTrackStore faceTracks;
    private static TransactionTemplate tx;
    private static List<Long> videos;
    private static final List<float[]> centres = new ArrayList<>();

    @BeforeAll
    static void storeTracks() {
        db = Databases.createFresh(DatabaseSettings.fromEnvironment(), "facefleet_test_tracks");
        DbScaleBench.migrate(db, 512);
        ds = DbScaleBench.pool(db, 2);
        JdbcClient jdbc = JdbcClient.create(ds);
        faceTracks = new FaceTrackStore(jdbc, new JdbcTemplate(ds));
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        videos = new BenchStore(jdbc, new JdbcTemplate(ds)).processedVideos(VIDEOS);
        IntStream.range(0, PEOPLE).forEach(p -> centres.add(embeddings.centre()));
        for (long video : videos.subList(0, VIDEOS - 10)) {
            faceTracks.replace(video, IntStream.range(0, 8)
                    .mapToObj(i -> track(embeddings.face(centres.get(random.nextInt(PEOPLE))))).toList());
        }
    }

    @AfterAll
    static void drop() {
        if (ds != null) {
            ds.close();
        }
        if (db != null) {
            Databases.drop(db);
        }
    }

    @Test
    void findsTheExactNearestTracks() {
        TrackGallery gallery = new TrackGallery(faceTracks, Clock.systemUTC());
        List<TrackEmbedding> stored = faceTracks.templates(
                JdbcClient.create(ds).sql("SELECT id FROM face_tracks").query(Long.class).list());
        assertThat(stored).hasSize((VIDEOS - 10) * 8);
        Map<Long, float[]> byId = stored.stream().collect(Collectors.toMap(TrackEmbedding::trackId,
                TrackEmbedding::embedding));
        int found = 0;
        int probes = 100;
        for (int p = 0; p < probes; p++) {
            float[] probe = embeddings.face(centres.get(random.nextInt(PEOPLE)));
            List<TrackEmbedding> exact = stored.stream()
                    .sorted(Comparator.comparingDouble(t -> -DbScaleBench.dot(probe, t.embedding()))).limit(10)
                    .toList();
            List<NearTrack> near = gallery.nearest(probe, 10);
            assertThat(near).hasSize(10);
            near.forEach(t -> assertThat(t.similarity())
                    .isCloseTo((float) DbScaleBench.dot(probe, byId.get(t.trackId())), within(1e-3f)));
            assertThat(near).extracting(NearTrack::similarity).isSortedAccordingTo(Comparator.reverseOrder());
            if (p < 5) {
                near.forEach(t -> assertThat(t.similarity()).as("as pgvector compares halfvecs")
                        .isCloseTo(pgvectorSimilarity(probe, t.trackId()), within(1e-6f)));
            }
            List<Long> nearIds = near.stream().map(NearTrack::trackId).toList();
            found += (int) exact.stream().filter(t -> nearIds.contains(t.trackId())).count();
        }
        // the codes' 512 nearest of 3,920 hold all of the exact 10 but for a few strangers at cosine ~0.15
        assertThat(found).as("of the exact 10 nearest, for %d probes", probes)
                .isGreaterThanOrEqualTo(probes * 10 * 98 / 100);
    }

    private static float pgvectorSimilarity(float[] probe, long trackId) {
        return JdbcClient.create(ds).sql("""
                        SELECT 1 - (embedding <=> CAST(? AS halfvec)) FROM face_track_embeddings WHERE track_id = ?""")
                .params(Vectors.vector(probe), trackId).query(Float.class).single();
    }

    @Test
    void findsTracksWrittenAfterItReadTheCodes() {
        SteppedClock clock = new SteppedClock(Instant.parse("2026-11-28T12:00:00Z"));
        TrackGallery gallery = new TrackGallery(faceTracks, clock);
        float[] newcomer = embeddings.centre();
        float[] theirFace = embeddings.face(newcomer);
        assertThat(gallery.nearest(theirFace, 1).getFirst().similarity()).isLessThan(0.3f);

        long committed = videos.get(VIDEOS - 1);
        faceTracks.replace(committed, List.of(track(embeddings.face(newcomer))));
        NearTrack first = gallery.nearest(theirFace, 1).getFirst();
        assertThat(first.videoId()).as("a track committed after the codes were read").isEqualTo(committed);

        long rolledBack = videos.get(VIDEOS - 2);
        tx.executeWithoutResult(s -> {
            faceTracks.replace(rolledBack, List.of(track(embeddings.face(newcomer)), track(embeddings.face(newcomer))));
            assertThat(gallery.nearest(theirFace, 3)).as("tracks written by the searching transaction")
                    .extracting(NearTrack::videoId).containsExactlyInAnyOrder(committed, rolledBack, rolledBack);
            s.setRollbackOnly();
        });
        assertThat(gallery.nearest(theirFace, 2)).extracting(NearTrack::videoId).containsOnlyOnce(committed)
                .doesNotContain(rolledBack);

        clock.advance(Duration.ofMinutes(1)); // the next search adds the new track's code to the codes
        List<NearTrack> merged = gallery.nearest(theirFace, 5);
        assertThat(merged.getFirst().videoId()).isEqualTo(committed);
        assertThat(merged).extracting(NearTrack::trackId).doesNotHaveDuplicates();
        assertThat(merged.get(1).similarity()).isLessThan(0.3f);

        faceTracks.replace(committed, List.of());
        assertThat(gallery.nearest(theirFace, 5)).extracting(NearTrack::videoId).doesNotContain(committed);
    }

    @Test
    void findsATrackWhoseTransactionWasRunningWhenItReadTheCodes() throws Exception {
        TrackGallery gallery = new TrackGallery(faceTracks, Clock.systemUTC());
        float[] newcomer = embeddings.centre();
        float[] theirFace = embeddings.face(newcomer);
        long video = videos.get(VIDEOS - 3);
        long later = videos.get(VIDEOS - 4);
        try (Connection running = ds.getConnection()) {
            running.setAutoCommit(false);
            SingleConnectionDataSource one = new SingleConnectionDataSource(running, true);
            JdbcClient inRunning = JdbcClient.create(one);
            new FaceTrackStore(inRunning, new JdbcTemplate(one))
                    .replace(video, List.of(track(embeddings.face(newcomer))));
            // a transaction begun later and committed first: a snapshot then lists the running one (xip), where
            // one taken while the running one was the last begun would only have it past its xmax
            faceTracks.replace(later, List.of(track(embeddings.face(embeddings.centre()))));
            String runningXid = inRunning.sql("SELECT pg_current_xact_id()::text").query(String.class).single();

            assertThat(gallery.nearest(theirFace, 1).getFirst().videoId()).as("not committed yet").isNotEqualTo(video);
            assertThat(JdbcClient.create(ds).sql("SELECT pg_snapshot_xip(pg_current_snapshot())::text")
                    .query(String.class).list()).contains(runningXid);
            running.commit();

            assertThat(gallery.nearest(theirFace, 1).getFirst().videoId()).isEqualTo(video);
        } finally {
            faceTracks.replace(video, List.of());
            faceTracks.replace(later, List.of());
        }
    }

    /** TrackGallery.MERGE_BEYOND: a search sent more rows written since the codes' snapshot merges them next. */
    @Test
    void aSearchSentMoreThan512RowsWrittenSinceTheCodesAddsThemToTheCodesBeforeTheNext() {
        List<Integer> unseen = new ArrayList<>();
        FaceTrackStore watched = new FaceTrackStore(JdbcClient.create(ds), new JdbcTemplate(ds)) {
            @Override
            public CandidateTracks candidatesAmong(long[] candidates, String snapshot) {
                CandidateTracks found = super.candidatesAmong(candidates, snapshot);
                unseen.add(found.unseen());
                return found;
            }
        };
        // a clock that stands still: no merge is ever due by time
        TrackGallery gallery = new TrackGallery(watched, Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"),
                ZoneOffset.UTC));
        float[] face = embeddings.face(centres.getFirst());
        gallery.nearest(face, 1);
        long video = videos.get(VIDEOS - 3);
        try {
            faceTracks.replace(video, strangers(512));
            gallery.nearest(face, 1);
            gallery.nearest(face, 1);
            faceTracks.replace(video, strangers(513));
            gallery.nearest(face, 1);
            gallery.nearest(face, 1);
            assertThat(unseen).as("rows written since the codes' snapshot, sent to each search")
                    .containsExactly(0, 512, 512, 513, 0);
        } finally {
            faceTracks.replace(video, List.of());
        }
    }

    /** TrackGallery.RELOAD_AFTER: another thread reads every template again, and no search waits for it. */
    @Test
    void aSearchDoesNotWaitForTheTemplatesToBeReadAgain() {
        CountDownLatch readAgainMayEnd = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        FaceTrackStore watched = new FaceTrackStore(JdbcClient.create(ds), new JdbcTemplate(ds)) {
            @Override
            public TemplatesRead allTemplates() {
                TemplatesRead read = super.allTemplates();
                if (reads.incrementAndGet() > 1) {
                    try {
                        readAgainMayEnd.await(30, TimeUnit.SECONDS); // 2 s at 1M faces
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return read;
            }
        };
        SteppedClock clock = new SteppedClock(Instant.parse("2026-11-29T12:00:00Z"));
        TrackGallery gallery = new TrackGallery(watched, clock);
        float[] face = embeddings.face(centres.getFirst());
        gallery.nearest(face, 1);
        int stored = gallery.ranking(512).templates().size();
        long video = videos.get(VIDEOS - 4);
        try {
            faceTracks.replace(video, strangers(3));
            clock.advance(Duration.ofSeconds(6));
            gallery.nearest(face, 1);
            faceTracks.replace(video, strangers(3)); // three tracks deleted, three new
            clock.advance(Duration.ofMinutes(11));

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> gallery.nearest(face, 1), "a search waited");
            assertThat(gallery.ranking(512).templates().size()).as("merged, the deleted tracks' codes still held")
                    .isEqualTo(stored + 6);
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() == 2);
            readAgainMayEnd.countDown();
            await("read again").atMost(Duration.ofSeconds(10))
                    .until(() -> gallery.ranking(512).templates().size() == stored + 3);
        } finally {
            readAgainMayEnd.countDown();
            faceTracks.replace(video, List.of());
        }
    }

    private static List<NewFaceTrack> strangers(int count) {
        return IntStream.range(0, count).mapToObj(i -> track(embeddings.face(embeddings.centre()))).toList();
    }

    @Test
    void theRowsWrittenSinceASnapshotAreReadThroughTheWritersIndexWithOrWithoutStatistics() {
        JdbcClient jdbc = JdbcClient.create(ds);
        String statement = """
                EXPLAIN SELECT t.id, halfvec_send(u.embedding)
                FROM track_embeddings_unseen_by(pg_current_snapshot()) u JOIN face_tracks t ON t.id = u.track_id""";
        jdbc.sql("ANALYZE face_track_embeddings").update();
        String analysed = String.join("\n", jdbc.sql(statement).query(String.class).list());
        jdbc.sql("DELETE FROM pg_statistic WHERE starelid = 'face_track_embeddings'::regclass").update();
        String withoutStatistics = String.join("\n", jdbc.sql(statement).query(String.class).list());

        for (String plan : List.of(analysed, withoutStatistics)) {
            assertThat(plan).contains("face_track_embeddings_written_by").doesNotContain("Seq Scan")
                    .doesNotContain("Hash Join").doesNotContain("Function Scan"); // inlined, as V13 means it
        }
    }

    private static NewFaceTrack track(float[] embedding) {
        return new NewFaceTrack(1.0, embedding, new float[]{10, 10, 90, 90}, 0.9f, new float[10], null, null,
                MatchStatus.UNMATCHED, null);
    }
}
