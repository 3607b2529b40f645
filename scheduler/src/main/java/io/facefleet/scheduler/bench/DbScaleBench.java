package io.facefleet.scheduler.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.CreatorMatch;
import io.facefleet.common.matching.CreatorGallery;
import io.facefleet.common.matching.TrackGallery;
import io.facefleet.common.store.BenchStore;
import io.facefleet.common.matching.CreatorRematch;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.TrackCandidate;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.NearTrack;
import io.facefleet.common.store.NewFaceTrack;
import io.facefleet.common.store.NewSighting;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.common.store.TagStore;
import org.flywaydb.core.Flyway;
import io.facefleet.common.store.read.DatabaseStatistics;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * {@code facefleet bench db}: fills the real schema (Flyway's migrations) through the real stores with synthetic
 * faces that cluster by person, and measures what grows with the library: storing a video's faces, the nearest
 * stored faces to a face, the nearest creator, a rematch (the product's, against the seed's CROSS JOIN on the same
 * data), the sizes. See docs/scaling.md.
 *
 * <p>A face is what the detector finds in one sampled frame. The product stores faces as face tracks: one row of
 * face_tracks (with one template embedding, whose binary code the searches scan) per track, and one row of
 * video_face_sightings (no embedding) per face. So N faces are N / sightingsPerTrack searched tracks with their
 * sightings.
 *
 * <p>People: {@code creators} enrolled people with 5 embeddings each, and {@code unknownPeople} people who are not
 * enrolled, drawn with Zipf weights (1/rank: a few appear very often). Each embedding, track template or creator
 * photo, is the person's centre plus noise, at cosine ≈ 0.7 to it (so two of one person's faces ≈ 0.49, two people's
 * ≈ 0 ± 0.045). The new creator of the rematch is the 5th most frequent unknown person.
 */
public final class DbScaleBench {

    public static final String DATABASE_PREFIX = "facefleet_benchdb";
    private static final int EMBEDDINGS_PER_CREATOR = 5;
    private static final float MATCH = 0.35f;
    private static final float AUTO_TAG = 0.55f;
    private static final String NEW_CREATOR = "bench new creator";
    /**
     * Untimed queries before each latency figure, so that they measure a server that has been searching for a while:
     * the JIT compiles the scans' Vector API code over the first few hundred, but still compiled the JDBC path and
     * Spring's, some 40 methods a second at C2, through the 1,000 timed after a warm-up of 500, on the core
     * PostgreSQL needs (-Xlog:jit+compilation; 8 a second after 3,000).
     */
    private static final int WARM_UP = 3000;

    /**
     * @param faces             sampled faces to store (sightings); tracks = faces / sightingsPerTrack
     * @param creators          enrolled creators (5 embeddings each)
     * @param tracksPerVideo    face tracks in one video (one {@code replace} call)
     * @param queries           timed queries per kind and client count
     * @param checks            faces whose creator is compared with the exact nearest creator (brute force)
     * @param recallProbes      faces whose 10 nearest stored faces are compared with the exact 10
     */
    public record Options(long faces, int sightingsPerTrack, int creators, int unknownPeople, int tracksPerVideo,
                          int dim, List<Integer> clients, int queries, int checks, int recallProbes,
                          boolean matchAtLoad, Integer efSearch, long seed, boolean keep, String reuseDatabase) {
    }

    /** The figures the in-suite test asserts on (times in ms). */
    public record Result(long faces, long tracks, double facesPerSecond, double tracksPerSecond,
                         Map<Integer, double[]> nearestFaceP50P99, Map<Integer, double[]> nearestCreatorP50P99,
                         double nearestFaceRecallAt10, double nearestFaceRecallWithinThreshold, int exactRematchFaces,
                         double rematchRecall, double seedCrossJoinSearchMs, double crossJoinSearchMs,
                         double rematchSearchMs, double seedRematchMs, double crossJoinRematchMs, double rematchMs,
                         double finalCreatorAgreement) {

        /** Against the seed's CROSS JOIN over its full-precision vectors. */
        public double searchSpeedupOverSeed() {
            return seedCrossJoinSearchMs / rematchSearchMs;
        }

        /** Against the same CROSS JOIN over today's half-precision vectors. */
        public double searchSpeedup() {
            return crossJoinSearchMs / rematchSearchMs;
        }

        /** The whole rematch (search, updates, tags) against the seed's, which searched by its CROSS JOIN. */
        public double rematchSpeedupOverSeed() {
            return seedRematchMs / rematchMs;
        }

        public double rematchSpeedup() {
            return crossJoinRematchMs / rematchMs;
        }
    }

    private final DatabaseSettings server;
    private final Options o;
    private final PrintStream out;
    private final Random random;
    private final SyntheticEmbeddings synthetic;

    private float[][] centres;
    private float[][] creatorEmbeddings;   // creator c's embeddings: rows c*5 .. c*5+4
    private long[] creatorIds;
    private final List<float[]> templates = new ArrayList<>(); // by track id - 1
    private final List<Integer> templatePeople = new ArrayList<>();
    private double[] unknownCumulative;

    public DbScaleBench(DatabaseSettings server, Options options, PrintStream out) {
        this.server = server;
        this.o = options;
        this.out = out;
        this.random = new Random(options.seed());
        this.synthetic = new SyntheticEmbeddings(random, options.dim());
    }

    public Result run() throws Exception {
        if (o.reuseDatabase() != null) { // a database an earlier run with the same options filled and kept
            return run(server.withDatabase(o.reuseDatabase()));
        }
        DatabaseSettings db = Databases.createFresh(server, DATABASE_PREFIX);
        try {
            return run(db);
        } finally {
            if (o.keep()) {
                out.println("Kept database " + db.database());
            } else {
                Databases.drop(db);
            }
        }
    }

    private Result run(DatabaseSettings db) throws Exception {
        long t = System.nanoTime();
        int applied = migrate(db);
        if (o.reuseDatabase() != null && applied > 0) { // kept by an older version: its migrations, timed at scale
            out.printf(Locale.ROOT, "MIGRATION: %d migration%s applied to the kept database in %.1f s%n", applied,
                    applied == 1 ? "" : "s", (System.nanoTime() - t) / 1e9);
        }
        if (o.efSearch() != null) { // before any connection of the pool: the database's default for them all
            Databases.setSearchBreadth(db, o.efSearch());
        }
        int connections = Math.max(4, o.clients().stream().mapToInt(Integer::intValue).max().orElse(1) + 2);
        try (HikariDataSource ds = pool(db, connections)) {
            return measure(db, ds);
        }
    }

    private int migrate(DatabaseSettings db) {
        return migrate(db, o.dim());
    }

    /**
     * Flyway's migrations with the bench's thresholds: match 0.35, auto-tag 0.55.
     *
     * @return how many were applied
     */
    /** Connections to the bench's database, set up as the worker's application.yml sets its pool. */
    static HikariDataSource pool(DatabaseSettings db, int connections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(db.jdbcUrl());
        hikari.setUsername(db.user());
        hikari.setPassword(db.password());
        hikari.setMaximumPoolSize(connections);
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(hikari);
    }

    static int migrate(DatabaseSettings db, int dim) {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration")
                .placeholders(Map.of("model_pack", "dev-512", "embedding_dim", Integer.toString(dim),
                        "match_threshold", Float.toString(MATCH), "auto_tag_threshold", Float.toString(AUTO_TAG)))
                .load().migrate().migrationsExecuted;
    }

    private Result measure(DatabaseSettings db, HikariDataSource ds) throws Exception {
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTemplate template = new JdbcTemplate(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        FaceTrackStore faceTracks = new FaceTrackStore(jdbc, template);
        CreatorStore creatorStore = new CreatorStore(jdbc);
        // matching's search: a version read, then memory (the worker's runs in its store transaction)
        CreatorGallery gallery = new CreatorGallery(creatorStore);
        Function<float[], Optional<CreatorMatch>> nearestCreator = gallery::nearest;
        TagStore tags = new TagStore(jdbc);
        TrackGallery trackGallery = new TrackGallery(faceTracks, Clock.systemUTC());
        CreatorRematch rematch = new CreatorRematch(faceTracks, trackGallery, tags);
        BenchStore bench = new BenchStore(jdbc, template);
        DatabaseStatistics stats = new DatabaseStatistics(jdbc);
        RecognitionConfig config = new ConfigStore(jdbc).get();

        long tracks = Math.max(1, o.faces() / o.sightingsPerTrack());
        long faces = tracks * o.sightingsPerTrack();
        out.printf(Locale.ROOT, "facefleet bench db: %s on PostgreSQL %s, pgvector %s, %d cores; database %s%n",
                db.host() + ":" + db.port(), stats.serverVersion(), stats.extensionVersion("vector"),
                Runtime.getRuntime().availableProcessors(), db.database());
        out.printf(Locale.ROOT, "server: shared_buffers %s, effective_cache_size %s, maintenance_work_mem %s,"
                        + " max_parallel_maintenance_workers %s, hnsw.ef_search %s%n", stats.setting("shared_buffers"),
                stats.setting("effective_cache_size"), stats.setting("maintenance_work_mem"),
                stats.setting("max_parallel_maintenance_workers"), stats.setting("hnsw.ef_search"));
        out.printf(Locale.ROOT, "library: %,d faces = %,d face tracks (the rows searched) x %d sightings,"
                        + " %d tracks a video (%,d videos); %,d creators x %d embeddings = %,d creator embeddings;"
                        + " %,d people not enrolled (Zipf); %d-d, cosine ~0.7 to the person's centre%n",
                faces, tracks, o.sightingsPerTrack(), o.tracksPerVideo(), (tracks + o.tracksPerVideo() - 1)
                        / o.tracksPerVideo(), o.creators(), EMBEDDINGS_PER_CREATOR,
                (long) o.creators() * EMBEDDINGS_PER_CREATOR, o.unknownPeople(), o.dim());

        out.println("load average (/proc/loadavg) at the start: " + load());
        people();
        loadCreators(bench, stats);

        // --- faces: matched as FaceMatcher does (CreatorGallery.nearest), stored as a worker does (replace) ---
        out.println("loading faces: one FaceTrackStore.replace per video, in a transaction, one connection");
        long videos = (tracks + o.tracksPerVideo() - 1) / o.tracksPerVideo();
        boolean reuse = o.reuseDatabase() != null;
        if (reuse) {
            out.println("  (reusing " + db.database() + ": the same faces generated again, nothing stored)");
        }
        List<Long> videoIds = reuse ? bench.videoIds() : bench.processedVideos(videos);
        byte[] crop = new byte[4096];
        random.nextBytes(crop);
        long storeNanos = 0;
        long matchNanos = 0;
        long stored = 0;
        long windowNanos = 0;
        long windowTracks = 0;
        long nextReport = Math.max(1, tracks / 10);
        for (int v = 0; v < videos; v++) {
            int n = (int) Math.min(o.tracksPerVideo(), tracks - stored);
            List<NewFaceTrack> rows = new ArrayList<>(n);
            long m0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int person = drawPerson();
                float[] e = synthetic.face(centres[person]);
                templates.add(e);
                templatePeople.add(person);
                Optional<CreatorMatch> best = o.matchAtLoad() ? nearestCreator.apply(e) : ownCreator(person, e);
                double t0 = random.nextDouble() * 100;
                List<NewSighting> sightings = new ArrayList<>(o.sightingsPerTrack());
                for (int s = 0; s < o.sightingsPerTrack(); s++) {
                    sightings.add(new NewSighting(t0 + 2.0 * s, new float[]{100, 80, 180, 170}, 0.8f));
                }
                NewSighting b = sightings.get(sightings.size() / 2);
                rows.add(new NewFaceTrack(b.frameTimestamp(), e, b.bbox(), b.detScore(), new float[10],
                        best.map(CreatorMatch::creatorId).orElse(null), best.map(CreatorMatch::similarity).orElse(null),
                        best.map(x -> config.matchRule().statusFor(x.similarity())).orElse(MatchStatus.UNMATCHED), crop,
                        Math.min(3, o.sightingsPerTrack()), sightings));
            }
            long t = System.nanoTime();
            matchNanos += t - m0;
            long videoId = videoIds.get(v);
            if (!reuse) {
                tx.executeWithoutResult(s -> faceTracks.replace(videoId, rows));
            }
            long took = System.nanoTime() - t;
            storeNanos += took;
            windowNanos += took;
            windowTracks += n;
            stored += n;
            if (stored >= nextReport || stored == tracks) {
                out.printf(Locale.ROOT, "  %,11d faces (%,9d tracks) stored: %,8.0f faces/s (%,6.0f tracks/s) over"
                                + " the last %,d tracks%n", stored * o.sightingsPerTrack(), stored,
                        windowTracks * o.sightingsPerTrack() / (windowNanos / 1e9), windowTracks / (windowNanos / 1e9),
                        windowTracks);
                windowNanos = 0;
                windowTracks = 0;
                nextReport += Math.max(1, tracks / 10);
            }
        }
        long maxId = bench.maxTrackId();
        if (maxId != tracks) {
            throw new IllegalStateException("expected track ids 1.." + tracks + ", found max " + maxId);
        }
        double facesPerSecond = reuse ? Double.NaN : faces / (storeNanos / 1e9);
        double tracksPerSecond = reuse ? Double.NaN : tracks / (storeNanos / 1e9);
        if (reuse) {
            out.println("LOAD: not measured (the faces of the reused database were stored by an earlier run)");
        } else {
            out.printf(Locale.ROOT, "LOAD: %,.0f faces/s (%,.0f tracks/s + their sightings; %.1f ms per video of %d"
                            + " tracks and %d faces), one connection, no vector index on the templates (V12); matching"
                            + " (%s) %.2f ms a track, not included%n", facesPerSecond, tracksPerSecond,
                    storeNanos / 1e6 / videos, o.tracksPerVideo(), o.tracksPerVideo() * o.sightingsPerTrack(),
                    o.matchAtLoad() ? "CreatorGallery.nearest" : "the generator's own creator; FINAL CREATORS checks"
                            + " CreatorGallery.nearest", matchNanos / 1e6 / tracks);
        }

        // a kept database holds the new creator of the run that filled it: its rematch is undone, and the rows that
        // left dead vacuumed here, not by autovacuum in the middle of the latencies
        creatorStore.findByName(NEW_CREATOR).ifPresent(earlier -> tx.executeWithoutResult(x -> {
            faceTracks.unmatchCreator(earlier.id());
            creatorStore.delete(earlier.id());
        }));
        long t = System.nanoTime();
        bench.vacuumAnalyzeTracks();
        out.printf(Locale.ROOT, "VACUUM ANALYZE of the three face tables: %.1f s%n", (System.nanoTime() - t) / 1e9);
        checkpoint(bench);
        sizes(stats);

        // --- nearest faces: among the templates in memory ---
        long trackCodesStart = System.nanoTime();
        int trackCodes = faceTracks.allTemplates().templates().size();
        out.printf(Locale.ROOT, "TRACK TEMPLATES (TrackGallery): %,d face tracks' codes and bytes read in %.0f ms,"
                + " %,d bytes each in memory%n", trackCodes, (System.nanoTime() - trackCodesStart) / 1e6,
                8 + o.dim() / 8 + o.dim() + 4);
        Map<Integer, double[]> faceLatency = new HashMap<>();
        for (int clients : o.clients()) {
            double[] p = latencies(clients, e -> trackGallery.nearest(e, 10));
            faceLatency.put(clients, p);
            out.printf(Locale.ROOT, "NEAREST FACE (10 nearest of %,d tracks, TrackGallery.nearest), %d client%s:"
                    + " p50 %.2f ms, p99 %.2f ms%n", tracks, clients, clients == 1 ? "" : "s", p[0], p[1]);
        }
        double[] recalls = recallAt10(e -> trackGallery.nearest(e, 10).stream().map(NearTrack::trackId).toList(),
                config.matchThreshold());
        double recall = recalls[0];
        out.printf(Locale.ROOT, "NEAREST FACE recall@10 against the exact 10 (brute force over all %,d templates, %d"
                        + " probes): %.4f; of the exact 10 within the match threshold (the same person's faces, %.0f"
                        + " of %d): %.4f%n", tracks, o.recallProbes(), recall, recalls[2], o.recallProbes() * 10,
                recalls[1]);

        // --- nearest creator ---
        long readStart = System.nanoTime();
        new CreatorGallery(creatorStore).nearest(templates.getFirst());
        out.printf(Locale.ROOT, "ENROLLED FACES (CreatorGallery): %,d enrolled faces' codes and half-precision"
                        + " embeddings read in %.0f ms, %,d bytes each in a worker's memory%n",
                creatorEmbeddings.length, (System.nanoTime() - readStart) / 1e6,
                8 * 3 + 4 + o.dim() / 8 + 2 * o.dim());
        Map<Integer, double[]> creatorLatency = new HashMap<>();
        for (int clients : o.clients()) {
            double[] p = latencies(clients, nearestCreator);
            creatorLatency.put(clients, p);
            out.printf(Locale.ROOT, "NEAREST CREATOR (over %,d creator embeddings, CreatorGallery.nearest), %d client%s:"
                            + " p50 %.2f ms, p99 %.2f ms%n", creatorEmbeddings.length, clients,
                    clients == 1 ? "" : "s", p[0], p[1]);
        }

        // --- rematch of a new creator: the seed's CROSS JOIN, then the product's ---
        int newPerson = o.creators() + Math.min(4, o.unknownPeople() - 1);
        long newCreator = creatorStore.create(NEW_CREATOR);
        List<float[]> newEmbeddings = new ArrayList<>();
        for (int i = 0; i < EMBEDDINGS_PER_CREATOR; i++) {
            float[] e = synthetic.face(centres[newPerson]);
            newEmbeddings.add(e);
            creatorStore.addEmbedding(newCreator, e, "photo", null, null, null, new float[]{0, 0, 1, 1}, 1f);
        }
        bench.analyzeCreatorFaces();
        long updateStart = System.nanoTime();
        gallery.nearest(newEmbeddings.getFirst());
        out.printf(Locale.ROOT, "ENROLLED FACES updated: the first search after the new creator's %d enrolled faces"
                + " read them and found its creator in %.1f ms%n", EMBEDDINGS_PER_CREATOR,
                (System.nanoTime() - updateStart) / 1e6);
        bench.seedTracks(o.dim());
        double[] seedSearch = new double[3];
        int seedFound = 0;
        for (int i = 0; i < 3; i++) {
            long s = System.nanoTime();
            seedFound = bench.seedCrossJoin(newCreator, config.matchRule()).size();
            seedSearch[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(seedSearch);
        double[] crossSearch = new double[3];
        double[] ourSearch = new double[3];
        List<TrackCandidate> exact = List.of();
        CreatorRematch.Found found = null;
        for (int i = 0; i < 3; i++) {
            long s = System.nanoTime();
            exact = tx.execute(x -> faceTracks.undecidedWithin(newCreator, config.matchRule()));
            crossSearch[i] = (System.nanoTime() - s) / 1e6;
            s = System.nanoTime();
            found = tx.execute(x -> rematch.find(newCreator, newEmbeddings, config.matchRule(), done -> {
            }));
            ourSearch[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(crossSearch);
        Arrays.sort(ourSearch);
        List<TrackCandidate> exactFaces = exact;
        // Each whole rematch from a vacuumed table and rolled back, three of each in turn: the dead rows of one run
        // slowed the next (the product's, third, took 81-141 ms), and a commit was the product's alone.
        double[] seedWhole = new double[3];
        double[] crossWhole = new double[3];
        double[] oursWhole = new double[3];
        for (int i = 0; i < 3; i++) {
            seedWhole[i] = rolledBack(bench, tx, () ->
                    rematch.apply(newCreator, bench.seedCrossJoin(newCreator, config.matchRule()), config));
            crossWhole[i] = rolledBack(bench, tx, () ->
                    rematch.apply(newCreator, faceTracks.undecidedWithin(newCreator, config.matchRule()), config));
            oursWhole[i] = rolledBack(bench, tx, () -> rematch.rematch(newCreator, newEmbeddings, config, n -> {
            }));
        }
        double seedRematchMs = median(seedWhole);
        double crossRematchMs = median(crossWhole);
        double oursMs = median(oursWhole);
        bench.vacuumAnalyzeTracks();
        // kept: the final creators below are read from its matches
        CreatorRematch.Result ours = tx.execute(x -> rematch.rematch(newCreator, newEmbeddings, config, i -> {
        }));
        Set<Long> oursFound = new HashSet<>();
        ours.found().forEach(c -> oursFound.add(c.trackId()));
        long hit = exactFaces.stream().filter(c -> oursFound.contains(c.trackId())).count();
        double rematchRecall = exactFaces.isEmpty() ? 1 : (double) hit / exactFaces.size();
        out.printf(Locale.ROOT, "REMATCH of a new creator with %d embeddings: exact answer (CROSS JOIN) %,d faces"
                        + " within the match threshold; the product's rematch found %,d of them: recall %.4f;"
                        + " it gave %,d faces to the creator%n", EMBEDDINGS_PER_CREATOR, exactFaces.size(), hit,
                rematchRecall, ours.improved().size());
        out.printf(Locale.ROOT, "REMATCH search: %s, %,d of %,d tracks compared%n",
                found.exactScan() ? "fell back to the exact scan" : "in the order of their codes", found.tracksRead(),
                tracks);
        out.printf(Locale.ROOT, "REMATCH search only (median of 3): the CROSS JOIN %.1f ms, product's (codes) %.1f ms:"
                + " %.1fx faster%n", crossSearch[1], ourSearch[1], crossSearch[1] / ourSearch[1]);
        out.printf(Locale.ROOT, "REMATCH search only against the seed's storage (median of 3): the seed's CROSS JOIN over"
                        + " full-precision vectors (found %,d) %.1f ms, product's %.1f ms: %.1fx faster%n", seedFound,
                seedSearch[1], ourSearch[1], seedSearch[1] / ourSearch[1]);
        out.printf(Locale.ROOT, "REMATCH whole (search, matches updated, videos re-tagged; median of 3, each from a"
                        + " vacuumed table, rolled back): the seed's CROSS JOIN %.1f ms, the CROSS JOIN over halfvec %.1f ms,"
                        + " product's %.1f ms: %.1fx and %.1fx faster%n", seedRematchMs, crossRematchMs, oursMs,
                seedRematchMs / oursMs, crossRematchMs / oursMs);

        // --- final creators against the exact nearest creator above the threshold ---
        float[][] allCreators = Arrays.copyOf(creatorEmbeddings, creatorEmbeddings.length + EMBEDDINGS_PER_CREATOR);
        long[] allOwners = new long[allCreators.length];
        for (int i = 0; i < creatorEmbeddings.length; i++) {
            allOwners[i] = creatorIds[i / EMBEDDINGS_PER_CREATOR];
        }
        for (int i = 0; i < EMBEDDINGS_PER_CREATOR; i++) {
            allCreators[creatorEmbeddings.length + i] = newEmbeddings.get(i);
            allOwners[creatorEmbeddings.length + i] = newCreator;
        }
        Set<Long> checked = new HashSet<>();
        for (int i = 0; i < o.checks(); i++) {
            checked.add(1 + (long) random.nextInt((int) tracks));
        }
        int randomChecks = checked.size();
        List<TrackCandidate> shuffled = new ArrayList<>(exactFaces);
        java.util.Collections.shuffle(shuffled, random);
        shuffled.stream().limit(o.checks()).forEach(c -> checked.add(c.trackId()));
        // The product's answer: what the rematch left for its faces, what matching (CreatorGallery.nearest) gives others.
        Set<Long> rematched = new HashSet<>();
        exactFaces.forEach(c -> rematched.add(c.trackId()));
        Map<Long, Long> finalCreators = bench.namedCreators(rematched);
        for (long id : checked) {
            if (!rematched.contains(id)) {
                finalCreators.put(id, nearestCreator.apply(templates.get((int) (id - 1)))
                        .filter(m -> m.similarity() >= config.matchThreshold()).map(CreatorMatch::creatorId)
                        .orElse(null));
            }
        }
        int agree = 0;
        int rematchedChecked = 0;
        int rematchedAgree = 0;
        for (long id : checked) {
            float[] e = templates.get((int) (id - 1));
            int best = -1;
            double bestSim = -2;
            for (int j = 0; j < allCreators.length; j++) {
                double sim = dot(e, allCreators[j]);
                if (sim > bestSim) {
                    bestSim = sim;
                    best = j;
                }
            }
            Long expected = bestSim >= config.matchThreshold() ? allOwners[best] : null;
            boolean same = java.util.Objects.equals(expected, finalCreators.get(id));
            agree += same ? 1 : 0;
            if (rematched.contains(id)) {
                rematchedChecked++;
                rematchedAgree += same ? 1 : 0;
            }
        }
        double agreement = (double) agree / checked.size();
        out.printf(Locale.ROOT, "FINAL CREATORS: %,d of %,d faces (%d random + the rematch's %d) have the exact nearest"
                        + " creator above the match threshold (or none): %.4f; by matching (CreatorGallery.nearest)"
                        + " %,d of %,d, by the rematch %,d of %,d%n", agree, checked.size(), randomChecks,
                checked.size() - randomChecks, agreement, agree - rematchedAgree, checked.size() - rematchedChecked,
                rematchedAgree, rematchedChecked);
        memory(stats);
        out.println("load average (/proc/loadavg) at the end: " + load());
        return new Result(faces, tracks, facesPerSecond, tracksPerSecond, faceLatency, creatorLatency, recall,
                recalls[1], exactFaces.size(), rematchRecall, seedSearch[1], crossSearch[1], ourSearch[1], seedRematchMs,
                crossRematchMs, oursMs, agreement);
    }

    /** Milliseconds of one run of {@code work} in a transaction rolled back, after a VACUUM of the face tables. */
    private static double rolledBack(BenchStore bench, TransactionTemplate tx, Runnable work) {
        bench.vacuumAnalyzeTracks();
        long start = System.nanoTime();
        tx.executeWithoutResult(x -> {
            work.run();
            x.setRollbackOnly();
        });
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** What matching finds when it finds the person's own creator (the bench's truth; checked on a sample). */
    private Optional<CreatorMatch> ownCreator(int person, float[] e) {
        if (person >= o.creators()) {
            return Optional.empty();
        }
        double best = -2;
        for (int k = 0; k < EMBEDDINGS_PER_CREATOR; k++) {
            best = Math.max(best, dot(e, creatorEmbeddings[person * EMBEDDINGS_PER_CREATOR + k]));
        }
        return Optional.of(new CreatorMatch(creatorIds[person], (float) best));
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private void people() {
        int people = o.creators() + o.unknownPeople();
        centres = new float[people][];
        for (int p = 0; p < people; p++) {
            centres[p] = synthetic.centre();
        }
        unknownCumulative = new double[o.unknownPeople()];
        double sum = 0;
        for (int i = 0; i < o.unknownPeople(); i++) {
            sum += 1.0 / (i + 1);
            unknownCumulative[i] = sum;
        }
        for (int i = 0; i < o.unknownPeople(); i++) {
            unknownCumulative[i] /= sum;
        }
    }

    /** 30 % of tracks are of people not enrolled (Zipf), 70 % of creators (uniform). */
    private int drawPerson() {
        if (o.unknownPeople() > 0 && random.nextDouble() < 0.3) {
            int i = Arrays.binarySearch(unknownCumulative, random.nextDouble());
            return o.creators() + Math.min(o.unknownPeople() - 1, i < 0 ? -i - 1 : i);
        }
        return random.nextInt(o.creators());
    }

    private void loadCreators(BenchStore bench, DatabaseStatistics stats) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < o.creators(); c++) {
            names.add("creator " + c);
        }
        creatorIds = bench.creators(names, o.reuseDatabase() == null, o.creators()).stream()
                .mapToLong(Long::longValue).toArray();
        creatorEmbeddings = new float[o.creators() * EMBEDDINGS_PER_CREATOR][];
        Map<Long, List<float[]>> byCreator = new java.util.LinkedHashMap<>();
        for (int c = 0; c < o.creators(); c++) {
            for (int k = 0; k < EMBEDDINGS_PER_CREATOR; k++) {
                float[] e = synthetic.face(centres[c]);
                creatorEmbeddings[c * EMBEDDINGS_PER_CREATOR + k] = e;
                byCreator.computeIfAbsent(creatorIds[c], id -> new ArrayList<>()).add(e);
            }
        }
        if (o.reuseDatabase() != null) {
            return;
        }
        double[] took = bench.bulkEmbeddings(byCreator);
        out.printf(Locale.ROOT, "creators: %,d embeddings inserted in %.1f s; HNSW index built after the load in %.1f s"
                        + " (%s)%n", creatorEmbeddings.length, took[0], took[1],
                stats.relationSize("creator_face_embeddings_hnsw"));
    }

    /** The latencies below are those of a library at rest, not of one PostgreSQL is still writing out. */
    private void checkpoint(BenchStore bench) {
        long t = System.nanoTime();
        try {
            bench.checkpoint();
            out.printf(Locale.ROOT, "CHECKPOINT (the load's pages written out before the timed searches): %.1f s%n",
                    (System.nanoTime() - t) / 1e9);
        } catch (DataAccessException e) {
            out.println("CHECKPOINT refused (needs superuser or pg_checkpoint): the searches below may be timed while"
                    + " PostgreSQL writes the load out");
        }
    }

    private double[] latencies(int clients, Function<float[], ?> query) throws Exception {
        int perClient = Math.max(1, o.queries() / clients);
        List<float[]> probes = new ArrayList<>();
        for (int i = 0; i < perClient * clients + WARM_UP; i++) {
            probes.add(synthetic.face(centres[drawPerson()]));
        }
        for (int i = 0; i < WARM_UP; i++) {
            query.apply(probes.get(perClient * clients + i));
        }
        double[] ms = new double[perClient * clients];
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c * perClient;
                done.add(pool.submit(() -> {
                    for (int i = first; i < first + perClient; i++) {
                        long t = System.nanoTime();
                        query.apply(probes.get(i));
                        ms[i] = (System.nanoTime() - t) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        Arrays.sort(ms);
        return new double[]{ms[(int) Math.floor(0.50 * (ms.length - 1))], ms[(int) Math.ceil(0.99 * (ms.length - 1))]};
    }

    /** recall@10 over all 10 exact neighbours, and over those within the match threshold (the same person's). */
    private double[] recallAt10(Function<float[], List<Long>> search, float threshold) {
        long found = 0;
        long wanted = 0;
        long foundNear = 0;
        long wantedNear = 0;
        for (int p = 0; p < o.recallProbes(); p++) {
            float[] probe = synthetic.face(centres[drawPerson()]);
            int k = Math.min(10, templates.size());
            int[] best = new int[k];
            double[] bestSim = new double[k];
            Arrays.fill(bestSim, -2);
            for (int i = 0; i < templates.size(); i++) {
                double sim = dot(probe, templates.get(i));
                if (sim > bestSim[k - 1]) {
                    int j = k - 1;
                    while (j > 0 && bestSim[j - 1] < sim) {
                        bestSim[j] = bestSim[j - 1];
                        best[j] = best[j - 1];
                        j--;
                    }
                    bestSim[j] = sim;
                    best[j] = i;
                }
            }
            Set<Long> got = new HashSet<>(search.apply(probe));
            for (int j = 0; j < k; j++) {
                boolean near = bestSim[j] >= threshold;
                wanted++;
                wantedNear += near ? 1 : 0;
                if (got.contains(best[j] + 1L)) {
                    found++;
                    foundNear += near ? 1 : 0;
                }
            }
        }
        return new double[]{(double) found / wanted, wantedNear == 0 ? 1 : (double) foundNear / wantedNear,
                wantedNear};
    }

    private void sizes(DatabaseStatistics stats) {
        out.println("sizes:");
        stats.sizes(List.of("face_tracks", "face_track_embeddings", "video_face_sightings", "creator_face_embeddings"))
                .forEach(size -> out.printf(Locale.ROOT, "  %-24s table (with TOAST) %10s, indexes %10s%n",
                        size.name(), size.table(), size.indexes()));
        out.printf(Locale.ROOT, "  HNSW index: creator_face_embeddings_hnsw %s; database %s%n",
                stats.relationSize("creator_face_embeddings_hnsw"), stats.databaseSize());
    }

    private void memory(DatabaseStatistics stats) {
        try {
            List<String[]> buffers = stats.bufferUsage();
            out.println("MEMORY: shared buffers holding each relation at the end (pg_buffercache):");
            buffers.forEach(b -> out.printf(Locale.ROOT, "  %-40s %s%n", b[0], b[1]));
        } catch (RuntimeException e) {
            out.println("MEMORY: pg_buffercache not available (" + e.getMessage() + ")");
        }
    }

    static double dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
