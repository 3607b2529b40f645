package io.facefleet.scheduler.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.common.matching.CreatorRematch;
import io.facefleet.common.matching.TrackGallery;
import io.facefleet.common.store.BenchStore;
import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchRule;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.NewFaceTrack;
import io.facefleet.common.store.NewSighting;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.TrackCandidate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rematch's search in the order of the binary codes against the exact scan, on a library where it can go
 * wrong: a creator enrolled with nine photos of one look and one of another (a profile, a disguise), whose faces of
 * that other look lie far from the mean of the photos; faces a reviewer confirmed for someone else or ruled out for
 * this creator; 4,000 strangers. Synthetic 512-d embeddings as the bench's (a look's centre plus noise, cosine ≈ 0.7 to it).
 */
class CreatorRematchTest {

    private static final int STRANGERS = 4_000;
    private static DatabaseSettings db;
    private static HikariDataSource ds;
    private static JdbcClient jdbc;
    private static TransactionTemplate tx;
    private static FaceTrackStore faceTracks;
    private static CreatorRematch rematch;
    private static MatchRule rule;
    private static long creator;
    private static List<float[]> photos;
    private static long spareVideo;
    private static final Random random = new Random(7);
    private static final SyntheticEmbeddings embeddings = new SyntheticEmbeddings(random, 512);

    @BeforeAll
    static void library() {
        db = Databases.createFresh(DatabaseSettings.fromEnvironment(), "facefleet_test_rematch");
        DbScaleBench.migrate(db, 512);
        ds = DbScaleBench.pool(db, 2);
        jdbc = JdbcClient.create(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        JdbcTemplate template = new JdbcTemplate(ds);
        faceTracks = new FaceTrackStore(jdbc, template);
        rematch = new CreatorRematch(faceTracks, new TrackGallery(faceTracks, Clock.systemUTC()), new TagStore(jdbc));
        rule = new ConfigStore(jdbc).get().matchRule();
        CreatorStore creators = new CreatorStore(jdbc);

        float[] look = embeddings.centre();
        float[] otherLook = embeddings.centre();
        long someoneElse = creators.create("someone else");
        List<NewFaceTrack> tracks = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            tracks.add(track(embeddings.face(look), MatchStatus.UNMATCHED, null));
        }
        for (int i = 0; i < 40; i++) {
            tracks.add(track(embeddings.face(otherLook), MatchStatus.UNMATCHED, null));
        }
        for (int i = 0; i < 10; i++) {
            tracks.add(track(embeddings.face(look), MatchStatus.CONFIRMED, someoneElse));
        }
        for (int i = 0; i < STRANGERS; i++) {
            tracks.add(track(embeddings.centre(), MatchStatus.UNMATCHED, null));
        }
        java.util.Collections.shuffle(tracks, random);
        List<Long> videos = new BenchStore(jdbc, template).processedVideos((tracks.size() + 9) / 10 + 1);
        spareVideo = videos.getLast();
        for (int v = 0; v < videos.size() - 1; v++) {
            List<NewFaceTrack> ofVideo = tracks.subList(v * 10, Math.min(tracks.size(), v * 10 + 10));
            long video = videos.get(v);
            tx.executeWithoutResult(s -> faceTracks.replace(video, ofVideo));
        }

        creator = creators.create("the creator");
        photos = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            photos.add(embeddings.face(look));
        }
        photos.add(embeddings.face(otherLook));
        photos.forEach(p -> creators.addEmbedding(creator, p, "photo", null, null, null, new float[]{0, 0, 1, 1}, 1f));
        // A reviewer ruled the creator out for one face of their look.
        long ruledOut = tx.execute(s -> faceTracks.undecidedWithin(creator, rule)).getFirst().trackId();
        faceTracks.reject(ruledOut, creator);
    }

    @AfterAll
    static void drop() {
        if (ds != null) {
            ds.close();
        }
        Databases.drop(db);
    }

    @Test
    void theSearchByCodesFindsExactlyWhatTheExactScanFindsReadingAFractionOfTheLibrary() {
        CreatorRematch.Found found = tx.execute(s -> rematch.find(creator, photos, rule, done -> {
        }));
        List<TrackCandidate> exact = tx.execute(s -> faceTracks.undecidedWithin(creator, rule));

        assertThat(found.exactScan()).as("searched in the codes' order, not by the exact scan").isFalse();
        assertThat(ids(found.candidates())).isEqualTo(ids(exact));
        // The faces of both looks, less the confirmed ten and the one ruled out; the other look's faces lie among the
        // strangers as seen from the mean of the photos: only that photo's own search finds them.
        assertThat(exact).hasSizeGreaterThan(150);
        assertThat(found.tracksRead()).as("tracks compared")
                .isLessThan((STRANGERS + 200) / 2);
    }

    @Test
    void findsAFaceStoredAMomentBeforeTheRematch() {
        tx.executeWithoutResult(s -> rematch.find(creator, photos, rule, done -> {
        })); // the codes are read
        try {
            tx.executeWithoutResult(s -> faceTracks.replace(spareVideo, List.of(
                    track(embeddings.face(photos.getFirst()), MatchStatus.UNMATCHED, null))));
            CreatorRematch.Found found = tx.execute(s -> rematch.find(creator, photos, rule, done -> {
            }));
            assertThat(found.candidates()).extracting(TrackCandidate::videoId).contains(spareVideo);
        } finally {
            tx.executeWithoutResult(s -> faceTracks.replace(spareVideo, List.of()));
        }
    }

    @Test
    void givingFacesToTheCreatorUpdatesRowsThatNoVectorIndexCovers() {
        int given = tx.execute(s -> {
            CreatorRematch.Result result = rematch.rematch(creator, photos, new ConfigStore(jdbc).get(), done -> {
            });
            s.setRollbackOnly();
            return result.improved().size();
        });

        assertThat(given).as("faces given to the creator").isGreaterThan(150);
        // A match lives in face_tracks, the vectors in face_track_embeddings (V8), which has had no HNSW index since
        // V12. Were a vector in a row a match update writes and indexed, every update would be an HNSW insert too
        // (match_status is indexed, so never in place): a graph search per face.
        assertThat(hnswIndexesOn("face_tracks")).isEmpty();
        assertThat(hnswIndexesOn("face_track_embeddings")).isEmpty();
    }

    private static List<String> hnswIndexesOn(String table) {
        return jdbc.sql("""
                        SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                          JOIN pg_am a ON a.oid = c.relam
                        WHERE i.indrelid = CAST(? AS regclass) AND a.amname = 'hnsw'""")
                .param(table).query(String.class).list();
    }

    private static Set<Long> ids(java.util.Collection<TrackCandidate> candidates) {
        return candidates.stream().map(TrackCandidate::trackId).collect(Collectors.toSet());
    }

    private static NewFaceTrack track(float[] embedding, MatchStatus status, Long creatorId) {
        NewSighting sighting = new NewSighting(1.0, new float[]{100, 80, 180, 170}, 0.8f);
        return new NewFaceTrack(1.0, embedding, sighting.bbox(), 0.8f, new float[10], creatorId,
                creatorId == null ? null : 0.9f, status, null, 1, List.of(sighting));
    }
}
