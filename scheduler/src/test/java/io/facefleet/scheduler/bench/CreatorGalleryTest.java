package io.facefleet.scheduler.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.common.matching.CreatorGallery;
import io.facefleet.common.store.BenchStore;
import io.facefleet.common.store.CreatorMatch;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.Vectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Matching's search among the enrolled faces it holds against the exact nearest creator by brute force, over 2,000
 * creators of 5 synthetic faces each (as the bench's), and its view of enrolments, rewrites and deletions made after
 * it read them.
 */
class CreatorGalleryTest {

    private static final int CREATORS = 2_000;
    private static final Random random = new Random(11);
    private static final SyntheticEmbeddings embeddings = new SyntheticEmbeddings(random, 512);
    private static DatabaseSettings db;
    private static HikariDataSource ds;
    private static CreatorStore creators;
    private static TransactionTemplate tx;
    private static final List<float[]> centres = new ArrayList<>();
    private static final List<float[]> enrolled = new ArrayList<>();
    private static final List<Long> owners = new ArrayList<>();

    @BeforeAll
    static void enrol() {
        db = Databases.createFresh(DatabaseSettings.fromEnvironment(), "facefleet_test_gallery");
        DbScaleBench.migrate(db, 512);
        ds = DbScaleBench.pool(db, 2);
        JdbcClient jdbc = JdbcClient.create(ds);
        creators = new CreatorStore(jdbc);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        BenchStore bench = new BenchStore(jdbc, new JdbcTemplate(ds));
        List<Long> ids = bench.creators(IntStream.range(0, CREATORS).mapToObj(c -> "creator " + c).toList(), true,
                CREATORS);
        Map<Long, List<float[]>> faces = new LinkedHashMap<>();
        for (long id : ids) {
            float[] centre = embeddings.centre();
            centres.add(centre);
            List<float[]> theirs = IntStream.range(0, 5).mapToObj(k -> embeddings.face(centre)).toList();
            faces.put(id, theirs);
            theirs.forEach(face -> {
                enrolled.add(face);
                owners.add(id);
            });
        }
        bench.bulkEmbeddings(faces);
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
    void findsTheExactNearestCreatorOfEveryFace() {
        CreatorGallery gallery = new CreatorGallery(creators);
        int probes = 300;
        for (int i = 0; i < probes; i++) {
            float[] face = embeddings.face(centres.get(random.nextInt(CREATORS)));
            int exact = exactNearest(face);
            Optional<CreatorMatch> found = gallery.nearest(face);
            assertThat(found).as("probe %d", i).isPresent();
            assertThat(found.get().creatorId()).as("probe %d", i).isEqualTo(owners.get(exact));
            assertThat(found.get().similarity()).isCloseTo((float) DbScaleBench.dot(face, enrolled.get(exact)),
                    within(2e-3f));
            if (i < 5) {
                assertThat(found.get().similarity()).as("as pgvector compares halfvecs")
                        .isCloseTo(pgvectorSimilarity(face, found.get().creatorId()), within(1e-6f));
            }
        }
    }

    @Test
    void seesEnrolmentsAndDeletionsMadeAfterItLoaded() {
        CreatorGallery gallery = new CreatorGallery(creators);
        float[] newcomer = embeddings.centre();
        float[] theirFace = embeddings.face(newcomer);
        assertThat(gallery.nearest(theirFace).orElseThrow().similarity()).isLessThan(0.3f);
        long version = creators.embeddingsVersion();

        long id = creators.create("newcomer");
        creators.addEmbedding(id, embeddings.face(newcomer), "photo", null, null, null, new float[]{0, 0, 1, 1}, 1f);
        assertThat(gallery.nearest(theirFace).orElseThrow().creatorId()).isEqualTo(id);

        tx.executeWithoutResult(s -> {
            creators.addEmbedding(id, embeddings.face(newcomer), "photo", null, null, null, new float[]{0, 0, 1, 1}, 1f);
            s.setRollbackOnly();
        });
        creators.forgetConfirmedFace(-1); // deletes no row
        assertThat(creators.embeddingsVersion()).as("an enrolment only: a rollback or an empty delete bumps nothing")
                .isEqualTo(version + 1);

        creators.delete(id);
        assertThat(creators.embeddingsVersion()).isEqualTo(version + 2);
        assertThat(gallery.nearest(theirFace).orElseThrow().creatorId()).isNotEqualTo(id);
    }

    @Test
    void seesAnEnrolledFaceWrittenAgainInPlace() {
        CreatorGallery gallery = new CreatorGallery(creators);
        float[] someone = embeddings.centre();
        float[] theirFace = embeddings.face(someone);
        long id = creators.create("rewritten");
        long faceId = creators.addEmbedding(id, embeddings.face(embeddings.centre()), "photo", null, null, null,
                new float[]{0, 0, 1, 1}, 1f);
        try {
            assertThat(gallery.nearest(theirFace).orElseThrow().creatorId()).isNotEqualTo(id);
            // as a model pack switch writes each enrolled face's new embedding: the same row, its id kept
            JdbcClient.create(ds).sql("UPDATE creator_face_embeddings SET embedding = CAST(? AS halfvec) WHERE id = ?")
                    .params(Vectors.vector(embeddings.face(someone)), faceId).update();
            CreatorMatch found = gallery.nearest(theirFace).orElseThrow();
            assertThat(found.creatorId()).isEqualTo(id);
            assertThat(found.similarity()).isGreaterThan(0.4f);
        } finally {
            creators.delete(id);
        }
    }

    @Test
    void matchesEmbeddingsTooShortForCodesThroughTheIndex() {
        DatabaseSettings shortDb = Databases.createFresh(DatabaseSettings.fromEnvironment(), "facefleet_test_gallery128");
        try (HikariDataSource pool = DbScaleBench.pool(shortDb, 2)) {
            DbScaleBench.migrate(shortDb, 128);
            CreatorStore shortCreators = new CreatorStore(JdbcClient.create(pool));
            SyntheticEmbeddings short128 = new SyntheticEmbeddings(random, 128);
            List<float[]> people = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (int c = 0; c < 200; c++) {
                float[] centre = short128.centre();
                long id = shortCreators.create("short " + c);
                shortCreators.addEmbedding(id, short128.face(centre), "photo", null, null, null,
                        new float[]{0, 0, 1, 1}, 1f);
                people.add(centre);
                ids.add(id);
            }
            CreatorGallery gallery = new CreatorGallery(shortCreators);
            TransactionTemplate shortTx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            for (int i = 0; i < 20; i++) {
                int person = random.nextInt(people.size());
                float[] face = short128.face(people.get(person));
                assertThat(shortTx.execute(s -> gallery.nearest(face)).orElseThrow().creatorId())
                        .isEqualTo(ids.get(person));
            }
        } finally {
            Databases.drop(shortDb);
        }
    }

    /** The similarity of the creator's nearest enrolled face, as PostgreSQL computes it. */
    private static float pgvectorSimilarity(float[] face, long creatorId) {
        return JdbcClient.create(ds).sql("""
                        SELECT max(1 - (embedding <=> CAST(? AS halfvec))) FROM creator_face_embeddings
                        WHERE creator_id = ?""")
                .params(Vectors.vector(face), creatorId).query(Float.class).single();
    }

    private static int exactNearest(float[] face) {
        int best = -1;
        double bestSimilarity = -2;
        for (int j = 0; j < enrolled.size(); j++) {
            double similarity = DbScaleBench.dot(face, enrolled.get(j));
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = j;
            }
        }
        return best;
    }
}
