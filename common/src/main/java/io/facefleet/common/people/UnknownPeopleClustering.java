package io.facefleet.common.people;

import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.NearTrack;
import io.facefleet.common.store.TrackEmbedding;
import io.facefleet.common.store.UnknownPeopleStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Groups the unmatched face tracks of a video just processed into the unknown people, incrementally: each of its
 * tracks is placed from its nearest unmatched tracks in the HNSW index (any video), never by clustering the library
 * again. See {@link ClusteringSettings} for the rule. Clusters are never merged by it (a chain of near faces must
 * not join two people); a person may merge two clusters by hand.
 */
@Component
public class UnknownPeopleClustering {

    /** What clustering one video did. */
    public record Result(int tracks, int joined, int newClusters, int waiting) {
    }

    private final FaceTrackStore faceTracks;
    private final UnknownPeopleStore people;
    private final TransactionTemplate transactions;
    private final ClusteringSettings settings;

    public UnknownPeopleClustering(FaceTrackStore faceTracks, UnknownPeopleStore people,
                                   TransactionTemplate transactions,
                                   @Value("${facefleet.unknown-people.min-faces:" + ClusteringSettings.DEFAULT_MIN_FACES + "}")
                                   int minFaces,
                                   @Value("${facefleet.unknown-people.max-distance:" + ClusteringSettings.DEFAULT_MAX_DISTANCE + "}")
                                   float maxDistance) {
        this(faceTracks, people, transactions,
                new ClusteringSettings(minFaces, maxDistance, ClusteringSettings.DEFAULT_NEIGHBOURS));
    }

    public UnknownPeopleClustering(FaceTrackStore faceTracks, UnknownPeopleStore people,
                                   TransactionTemplate transactions, ClusteringSettings settings) {
        this.faceTracks = faceTracks;
        this.people = people;
        this.transactions = transactions;
        this.settings = settings;
    }

    public ClusteringSettings settings() {
        return settings;
    }

    /** Places the video's unmatched tracks among the unknown people, in one transaction. */
    public Result clusterVideo(long videoId) {
        return transactions.execute(tx -> {
            people.lockClustering();
            int joined = 0;
            int created = 0;
            int waiting = 0;
            List<TrackEmbedding> tracks = faceTracks.unmatchedOf(videoId);
            for (TrackEmbedding track : tracks) {
                switch (place(track)) {
                    case JOINED -> joined++;
                    case NEW_CLUSTER -> created++;
                    case WAITING -> waiting++;
                    case ALREADY -> {
                    }
                }
            }
            return new Result(tracks.size(), joined, created, waiting);
        });
    }

    private enum Placement { ALREADY, JOINED, NEW_CLUSTER, WAITING }

    private Placement place(TrackEmbedding track) {
        List<Long> neighbours = neighbours(track);
        List<Long> candidates = new ArrayList<>(neighbours);
        candidates.add(track.trackId());
        Map<Long, Long> clusters = people.clustersOf(candidates);
        if (clusters.containsKey(track.trackId())) {
            return Placement.ALREADY; // a core face of this video brought it in already
        }
        boolean core = neighbours.size() + 1 >= settings.minFaces();
        Long cluster = neighbours.stream().filter(clusters::containsKey).findFirst().map(clusters::get).orElse(null);
        Placement placement;
        if (cluster != null) {
            placement = Placement.JOINED;
        } else if (core) {
            cluster = people.create();
            placement = Placement.NEW_CLUSTER;
        } else {
            return Placement.WAITING;
        }
        List<Long> members = new ArrayList<>(List.of(track.trackId()));
        if (core) {
            neighbours.stream().filter(n -> !clusters.containsKey(n)).forEach(members::add);
        }
        people.join(cluster, members);
        return placement;
    }

    /** The unmatched tracks within the max distance, nearest first, but the track itself. */
    private List<Long> neighbours(TrackEmbedding track) {
        float minSimilarity = 1 - settings.maxDistance();
        return faceTracks.nearestTracks(track.embedding(), settings.neighbours()).stream()
                .filter(near -> near.trackId() != track.trackId() && near.status() == MatchStatus.UNMATCHED
                        && near.similarity() >= minSimilarity)
                .map(NearTrack::trackId)
                .toList();
    }
}
