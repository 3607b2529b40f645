package io.facefleet.worker.eval;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.db.Databases;
import io.facefleet.common.pack.ModelPack;
import io.facefleet.common.matching.TrackGallery;
import io.facefleet.common.people.ClusteringSettings;
import io.facefleet.common.people.UnknownPeopleClustering;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.NewFaceTrack;
import io.facefleet.common.store.TrackEmbedding;
import io.facefleet.common.store.UnknownPeopleStore;
import io.facefleet.common.store.VideoLifecycle;
import io.facefleet.common.store.VideoStore;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How well the unknown people are grouped, on labelled faces: the LFW people with at least {@code minImages} images,
 * each image's most prominent face stored as an unmatched face track of a database of its own, the images shuffled
 * into "videos" of {@code batch} faces that are clustered one after the other, as workers would
 * ({@link UnknownPeopleClustering}, {@link TrackGallery}, the real stores). Then, over the faces that were embedded:
 * pairwise precision (of the pairs of faces put in one cluster, the share that are one person) and recall (of the
 * pairs of faces of one person, the share put in one cluster), people split over several clusters, clusters that
 * mix people, and faces left in no cluster.
 */
public final class ClusteringBenchmark {

    /** A labelled face: whose it is and its embedding. */
    public record LabelledFace(String person, float[] embedding) {
    }

    public record Report(ClusteringSettings settings, int people, int faces, int clusteredFaces, int clusters,
                         double precision, double recall, int splitPeople, int mixedClusters, double seconds) {

        public String line() {
            return String.format(Locale.ROOT, "min faces %d, max distance %.2f: precision %.4f, recall %.4f; %d"
                            + " clusters for %d people, %d people split, %d clusters mixing people; %d of %d faces"
                            + " clustered; %.1f s", settings.minFaces(), settings.maxDistance(), precision, recall,
                    clusters, people, splitPeople, mixedClusters, clusteredFaces, faces, seconds);
        }
    }

    private ClusteringBenchmark() {
    }

    /** The images of the people with at least {@code minImages} images, by person; every {@code stride}-th person. */
    public static Map<String, List<Path>> people(Path lfwImages, int minImages, int stride) {
        try (Stream<Path> folders = Files.list(lfwImages)) {
            List<Path> sorted = folders.filter(Files::isDirectory).sorted().toList();
            Map<String, List<Path>> people = new java.util.TreeMap<>();
            int eligible = 0;
            for (Path folder : sorted) {
                List<Path> images;
                try (Stream<Path> files = Files.list(folder)) {
                    images = files.filter(f -> f.getFileName().toString().endsWith(".jpg")).sorted().toList();
                }
                if (images.size() >= minImages && eligible++ % stride == 0) {
                    people.put(folder.getFileName().toString(), images);
                }
            }
            return people;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clusters the faces in a database of their own, made on {@code server} and dropped afterwards. */
    public static Report run(List<LabelledFace> faces, ClusteringSettings settings, ModelPack pack,
                             DatabaseSettings server, int batch, long seed) {
        DatabaseSettings db = Databases.createFresh(server, "facefleet_eval_clusters");
        try {
            Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration")
                    .placeholders(Map.of("model_pack", pack.name(),
                            "embedding_dim", Integer.toString(pack.manifest().recognizer().embeddingDim()),
                            "match_threshold", Float.toString(pack.manifest().thresholds().match()),
                            "auto_tag_threshold", Float.toString(pack.manifest().thresholds().autoTag())))
                    .load().migrate();
            HikariConfig hikari = new HikariConfig();
            hikari.setJdbcUrl(db.jdbcUrl());
            hikari.setUsername(db.user());
            hikari.setPassword(db.password());
            hikari.setMaximumPoolSize(2);
            try (HikariDataSource ds = new HikariDataSource(hikari)) {
                return cluster(faces, settings, ds, batch, seed);
            }
        } finally {
            Databases.drop(db);
        }
    }

    private static Report cluster(List<LabelledFace> faces, ClusteringSettings settings, HikariDataSource ds,
                                  int batch, long seed) {
        JdbcClient jdbc = JdbcClient.create(ds);
        FaceTrackStore tracks = new FaceTrackStore(jdbc, new JdbcTemplate(ds));
        UnknownPeopleStore people = new UnknownPeopleStore(jdbc);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(ds));
        TrackGallery gallery = new TrackGallery(tracks, Clock.systemUTC());
        UnknownPeopleClustering clustering = new UnknownPeopleClustering(tracks, gallery, people, transactions, settings);
        VideoLifecycle videos = new VideoLifecycle(new VideoStore(jdbc));

        List<LabelledFace> shuffled = new ArrayList<>(faces);
        Collections.shuffle(shuffled, new Random(seed));
        Map<Long, String> personOfTrack = new HashMap<>();
        long start = System.nanoTime();
        for (int from = 0, video = 0; from < shuffled.size(); from += batch, video++) {
            List<LabelledFace> part = shuffled.subList(from, Math.min(shuffled.size(), from + batch));
            long videoId = videos.found("/eval/video-" + video + ".mp4", 1, Instant.EPOCH).id();
            List<NewFaceTrack> rows = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                rows.add(new NewFaceTrack(i, part.get(i).embedding(), new float[]{0, 0, 100, 100}, 0.9f, null, null,
                        null, MatchStatus.UNMATCHED));
            }
            transactions.executeWithoutResult(tx -> tracks.replace(videoId, rows));
            // the ids come in the order the tracks were given (all unmatched, one sighting each)
            List<Long> ids = tracks.unmatchedOf(videoId, 0).stream().map(TrackEmbedding::trackId).toList();
            for (int i = 0; i < ids.size(); i++) {
                personOfTrack.put(ids.get(i), part.get(i).person());
            }
            clustering.clusterVideo(videoId);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return score(settings, personOfTrack, people.allClusters(), seconds);
    }

    static Report score(ClusteringSettings settings, Map<Long, String> personOfTrack, Map<Long, List<Long>> clusters,
                        double seconds) {
        Map<String, Integer> facesOf = new HashMap<>();
        personOfTrack.values().forEach(p -> facesOf.merge(p, 1, Integer::sum));
        long samePersonPairs = facesOf.values().stream().mapToLong(n -> (long) n * (n - 1) / 2).sum();
        long clusteredPairs = 0;
        long correctPairs = 0;
        int mixed = 0;
        int clustered = 0;
        Map<String, Set<Long>> clustersOf = new HashMap<>();
        for (Map.Entry<Long, List<Long>> cluster : clusters.entrySet()) {
            Map<String, Integer> members = new HashMap<>();
            for (long track : cluster.getValue()) {
                String person = personOfTrack.get(track);
                members.merge(person, 1, Integer::sum);
                clustersOf.computeIfAbsent(person, p -> new HashSet<>()).add(cluster.getKey());
            }
            int n = cluster.getValue().size();
            clustered += n;
            clusteredPairs += (long) n * (n - 1) / 2;
            correctPairs += members.values().stream().mapToLong(k -> (long) k * (k - 1) / 2).sum();
            if (members.size() > 1) {
                mixed++;
            }
        }
        int split = (int) clustersOf.values().stream().filter(c -> c.size() > 1).count();
        double precision = clusteredPairs == 0 ? 1 : (double) correctPairs / clusteredPairs;
        double recall = samePersonPairs == 0 ? 0 : (double) correctPairs / samePersonPairs;
        return new Report(settings, facesOf.size(), personOfTrack.size(), clustered, clusters.size(), precision,
                recall, split, mixed, seconds);
    }
}
