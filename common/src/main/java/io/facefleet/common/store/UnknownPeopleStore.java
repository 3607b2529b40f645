package io.facefleet.common.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The unknown people: clusters of face tracks nobody is matched to, one person each ({@code unknown_people}), and
 * which cluster each such track belongs to ({@code unknown_person_tracks}).
 */
@Repository
public class UnknownPeopleStore {

    private static final long CLUSTERING_KEY = 0x556E6B6E6F776E50L; // "UnknownP"

    private final JdbcClient jdbc;

    public UnknownPeopleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One clustering at a time in the fleet, until the current transaction ends: two workers clustering at once
     * would each start a cluster for the same new person.
     */
    public void lockClustering() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CLUSTERING_KEY).query(Object.class).single();
    }

    /** A new, empty cluster. */
    public long create() {
        return jdbc.sql("INSERT INTO unknown_people DEFAULT VALUES RETURNING id").query(Long.class).single();
    }

    public boolean exists(long personId) {
        return jdbc.sql("SELECT count(*) FROM unknown_people WHERE id = ?").param(personId)
                .query(Integer.class).single() > 0;
    }

    /** The tracks join the cluster; a track already in a cluster stays where it is. */
    public void join(long personId, Collection<Long> trackIds) {
        if (trackIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO unknown_person_tracks (track_id, person_id)
                        SELECT unnest(CAST(? AS bigint[])), ? ON CONFLICT (track_id) DO NOTHING""")
                .params(trackIds.toArray(Long[]::new), personId).update();
    }

    /** The cluster of each of these tracks that is in one. */
    public Map<Long, Long> clustersOf(Collection<Long> trackIds) {
        Map<Long, Long> clusters = new HashMap<>();
        if (trackIds.isEmpty()) {
            return clusters;
        }
        jdbc.sql("SELECT track_id, person_id FROM unknown_person_tracks WHERE track_id = ANY(?)")
                .param(trackIds.toArray(Long[]::new))
                .query((rs, n) -> clusters.put(rs.getLong(1), rs.getLong(2))).list();
        return clusters;
    }

    /**
     * The clusters with a track on screen at the same time as this one, in its video: another person, whoever they
     * look like (two faces in one frame are two people).
     */
    public Set<Long> clustersOnScreenWith(long trackId) {
        return new HashSet<>(jdbc.sql("""
                        SELECT DISTINCT m.person_id FROM face_tracks t
                          JOIN face_tracks o ON o.video_id = t.video_id AND o.id <> t.id
                            AND o.first_seen_seconds <= t.last_seen_seconds AND t.first_seen_seconds <= o.last_seen_seconds
                          JOIN unknown_person_tracks m ON m.track_id = o.id
                        WHERE t.id = ?""")
                .param(trackId).query(Long.class).list());
    }

    /** Every track of {@code from} moves to {@code into}, and {@code from} goes; false when either is not there. */
    public boolean merge(long from, long into) {
        if (from == into || !exists(into)) {
            return false;
        }
        jdbc.sql("UPDATE unknown_person_tracks SET person_id = ? WHERE person_id = ?").params(into, from).update();
        return jdbc.sql("DELETE FROM unknown_people WHERE id = ?").param(from).update() == 1;
    }

    /** An ignored cluster leaves the list but keeps gathering its person's faces; false when there is none. */
    public boolean setIgnored(long personId, boolean ignored) {
        return jdbc.sql("UPDATE unknown_people SET ignored = ? WHERE id = ?").params(ignored, personId).update() == 1;
    }

    /** The cluster has been named: its faces are a creator's now. */
    public boolean delete(long personId) {
        return jdbc.sql("DELETE FROM unknown_people WHERE id = ?").param(personId).update() == 1;
    }

    /**
     * The cluster's best faces, still unmatched, with their templates: the largest and most confident first, at
     * most {@code limit}.
     */
    public List<TrackEmbedding> bestFaces(long personId, int limit) {
        return jdbc.sql("""
                        SELECT t.id, e.embedding::text AS embedding FROM unknown_person_tracks m
                          JOIN face_tracks t ON t.id = m.track_id JOIN face_track_embeddings e ON e.track_id = t.id
                        WHERE m.person_id = ? AND t.match_status = 'unmatched'
                        ORDER BY (t.bbox[3] - t.bbox[1]) * (t.bbox[4] - t.bbox[2]) * t.det_score DESC, t.id
                        LIMIT ?""")
                .params(personId, limit)
                .query((rs, n) -> new TrackEmbedding(rs.getLong("id"), Vectors.vector(rs, "embedding"))).list();
    }

    /** Every cluster and its tracks (for measuring clustering); tracks in no cluster are not listed. */
    public Map<Long, List<Long>> allClusters() {
        Map<Long, List<Long>> clusters = new HashMap<>();
        jdbc.sql("SELECT person_id, track_id FROM unknown_person_tracks ORDER BY person_id, track_id")
                .query((rs, n) -> clusters.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getLong(2))).list();
        return clusters;
    }
}
