package io.facefleet.common.people;

import io.facefleet.common.matching.TrackGallery;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.NearTrack;
import io.facefleet.common.store.TrackEmbedding;
import io.facefleet.common.store.TrackSpanInVideo;
import io.facefleet.common.store.UnknownPeopleStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the unmatched face tracks of a video just processed into the unknown people, incrementally: each of its
 * tracks is placed from its nearest unmatched tracks ({@link TrackGallery}, any video), never by clustering the
 * library again (see {@link #placeAmong} and {@link ClusteringSettings}). Clusters are never merged by it (a chain
 * of look-alikes must not join two people); a person may merge two clusters by hand.
 */
@Component
public class UnknownPeopleClustering {

    /** What clustering one video did. */
    public record Result(int tracks, int joined, int newClusters, int waiting) {
    }

    private final FaceTrackStore faceTracks;
    private final TrackGallery gallery;
    private final UnknownPeopleStore people;
    private final TransactionTemplate transactions;
    private final ClusteringSettings settings;

    @Autowired
    public UnknownPeopleClustering(FaceTrackStore faceTracks, TrackGallery gallery, UnknownPeopleStore people,
                                   TransactionTemplate transactions,
                                   @Value("${facefleet.unknown-people.min-faces:" + ClusteringSettings.DEFAULT_MIN_FACES + "}")
                                   int minFaces,
                                   @Value("${facefleet.unknown-people.max-distance:" + ClusteringSettings.DEFAULT_MAX_DISTANCE + "}")
                                   float maxDistance,
                                   @Value("${facefleet.unknown-people.min-det-score:" + ClusteringSettings.DEFAULT_MIN_DET_SCORE + "}")
                                   float minDetScore) {
        this(faceTracks, gallery, people, transactions, new ClusteringSettings(minFaces, maxDistance, minDetScore,
                ClusteringSettings.DEFAULT_NEIGHBOURS));
    }

    public UnknownPeopleClustering(FaceTrackStore faceTracks, TrackGallery gallery, UnknownPeopleStore people,
                                   TransactionTemplate transactions, ClusteringSettings settings) {
        this.faceTracks = faceTracks;
        this.gallery = gallery;
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
            List<TrackEmbedding> tracks = faceTracks.unmatchedOf(videoId, settings.minDetScore());
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

    /**
     * Places a track, then gives its unclustered neighbours another look: the track may be the face they were
     * waiting for (the vote they lacked, or the density to start a cluster).
     */
    private Placement place(TrackEmbedding track) {
        List<Long> neighbours = neighbours(track);
        Placement placement = placeAmong(track.trackId(), neighbours);
        if (placement != Placement.ALREADY) {
            Map<Long, Long> clusters = people.clustersOf(neighbours);
            List<Long> waiting = neighbours.stream().filter(n -> !clusters.containsKey(n)).toList();
            if (!waiting.isEmpty()) {
                for (TrackEmbedding neighbour : faceTracks.templates(waiting)) {
                    placeAmong(neighbour.trackId(), neighbours(neighbour));
                }
            }
        }
        return placement;
    }

    /**
     * A track joins the cluster most of its neighbours are in, if at least {@code minFaces - 1} of them are: one
     * near face is not enough, or a chain of look-alikes would join two people. A core track whose neighbours are
     * in no cluster starts one with them. Otherwise it waits. Never with a face on screen at the same time in the
     * same video: that is someone else, however alike (dark, blurred faces look alike to the recognizer).
     */
    private Placement placeAmong(long trackId, List<Long> neighbours) {
        List<Long> candidates = new ArrayList<>(neighbours);
        candidates.add(trackId);
        Map<Long, Long> clusters = people.clustersOf(candidates);
        if (clusters.containsKey(trackId)) {
            return Placement.ALREADY;
        }
        Set<Long> others = people.clustersOnScreenWith(trackId);
        Map<Long, Integer> votes = new LinkedHashMap<>(); // nearest cluster first, for ties
        neighbours.stream().filter(clusters::containsKey).map(clusters::get).filter(c -> !others.contains(c))
                .forEach(c -> votes.merge(c, 1, Integer::sum));
        int needed = Math.max(1, settings.minFaces() - 1);
        Long best = null;
        for (Map.Entry<Long, Integer> vote : votes.entrySet()) {
            if (vote.getValue() >= needed && (best == null || vote.getValue() > votes.get(best))) {
                best = vote.getKey();
            }
        }
        if (best != null) {
            people.join(best, List.of(trackId));
            return Placement.JOINED;
        }
        List<Long> members = apartInTime(trackId, neighbours.stream().filter(n -> !clusters.containsKey(n)).toList());
        if (members.size() < settings.minFaces()) {
            return Placement.WAITING;
        }
        people.join(people.create(), members);
        return Placement.NEW_CLUSTER;
    }

    /** The track and those of its neighbours (nearest first) never on screen with it or with one taken before. */
    private List<Long> apartInTime(long trackId, List<Long> neighbours) {
        List<Long> all = new ArrayList<>(neighbours);
        all.add(trackId);
        Map<Long, TrackSpanInVideo> spans = faceTracks.spans(all);
        List<Long> members = new ArrayList<>(List.of(trackId));
        for (long neighbour : neighbours) {
            TrackSpanInVideo span = spans.get(neighbour);
            if (span != null && members.stream().noneMatch(m -> spans.get(m).onScreenWith(span))) {
                members.add(neighbour);
            }
        }
        return members;
    }

    /** The unmatched tracks within the max distance, nearest first, but the track itself. */
    private List<Long> neighbours(TrackEmbedding track) {
        float minSimilarity = 1 - settings.maxDistance();
        return gallery.nearest(track.embedding(), settings.neighbours()).stream()
                .filter(near -> near.trackId() != track.trackId() && near.status() == MatchStatus.UNMATCHED
                        && near.similarity() >= minSimilarity && near.detScore() >= settings.minDetScore())
                .map(NearTrack::trackId)
                .toList();
    }
}
