package io.facefleet.common.store;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rematch after a creator is enrolled, without its lock and job plumbing (the worker's RematchCreatorJob runs
 * it under the fleet-wide lock; {@code facefleet bench db} runs it on synthetic data): the faces no person has
 * decided on within the match threshold of any of the creator's enrolled faces are given to the creator where it
 * beats their current match, and their videos are re-tagged. Call it inside a transaction.
 *
 * <p>The faces are found through the HNSW index, nearest first, and the search ends where the creator's faces end:
 * a person's faces lie close together and far from everyone else's, so after {@link #STREAK} tracks in a row that
 * bring no new face within the threshold, the rest of the library holds none. It searches from the mean of the
 * creator's faces first (it lies nearer to all of them than any one photo does, so most faces are found at once),
 * then from each enrolled face (which finds those near one unusual photo; where the mean found them already, it
 * ends after one streak). A creator with more than {@link #MOST_CANDIDATES} faces near one probe is rematched by the
 * exact scan instead ({@link FaceTrackStore#undecidedWithin}).
 */
@Component
public class CreatorRematch {

    /** Tracks read from one probe's search before the exact scan is cheaper. */
    public static final int MOST_CANDIDATES = 10_000;
    /** Tracks in a row without a new face within the threshold that end one probe's search. */
    static final int STREAK = 100;

    private final FaceTrackStore faceTracks;
    private final TagStore tags;

    public CreatorRematch(FaceTrackStore faceTracks, TagStore tags) {
        this.faceTracks = faceTracks;
        this.tags = tags;
    }

    /**
     * @param embeddings all the creator's enrolled faces
     * @param progress   told the number of searches done so far (one more than the embeddings)
     * @return the faces found within the match threshold and those now given to the creator
     */
    public Result rematch(long creatorId, List<float[]> embeddings, RecognitionConfig config, IntConsumer progress) {
        return apply(creatorId, find(creatorId, embeddings, config.matchRule(), progress).candidates(), config);
    }

    /** The undecided faces within the match threshold of any of the creator's enrolled faces, each once. */
    public Found find(long creatorId, List<float[]> embeddings, MatchRule rule, IntConsumer progress) {
        if (embeddings.isEmpty()) {
            return new Found(List.of(), 0, false);
        }
        List<float[]> probes = new ArrayList<>();
        probes.add(mean(embeddings));
        if (embeddings.size() > 1) {
            probes.addAll(embeddings);
        }
        Set<Long> near = new HashSet<>();
        Map<Long, TrackCandidate> open = new HashMap<>();
        int read = 0;
        for (int i = 0; i < probes.size(); i++) {
            int tracks = search(probes.get(i), embeddings, creatorId, rule, near, open);
            if (tracks < 0) {
                progress.accept(probes.size());
                return new Found(faceTracks.undecidedWithin(creatorId, rule), read, true);
            }
            read += tracks;
            progress.accept(i + 1);
        }
        return new Found(List.copyOf(open.values()), read, false);
    }

    /** @return the tracks read, or -1 where the search was cut off before the creator's faces ended */
    private int search(float[] probe, List<float[]> embeddings, long creatorId, MatchRule rule, Set<Long> near,
                       Map<Long, TrackCandidate> open) {
        int sinceNew = 0;
        int read = 0;
        try (Stream<TrackNearCreator> tracks = faceTracks.nearestFirst(probe, embeddings, creatorId,
                MOST_CANDIDATES)) {
            Iterator<TrackNearCreator> nearestFirst = tracks.iterator();
            while (sinceNew < STREAK && nearestFirst.hasNext()) {
                TrackNearCreator track = nearestFirst.next();
                read++;
                if (rule.isCandidate(track.similarity()) && near.add(track.trackId())) {
                    sinceNew = 0;
                    if (track.open()) {
                        open.put(track.trackId(), track.candidate());
                    }
                } else {
                    sinceNew++;
                }
            }
        }
        // a library with fewer tracks than a streak ends the stream first: the exact scan of it is cheap
        return sinceNew >= STREAK ? read : -1;
    }

    /** Gives the candidates to the creator where it beats their current match, and re-tags their videos. */
    public Result apply(long creatorId, Collection<TrackCandidate> candidates, RecognitionConfig config) {
        List<TrackCandidate> improved = faceTracks.improveMatches(creatorId, candidates, config.matchRule());
        tags.refreshTags(improved.stream().map(TrackCandidate::videoId).collect(Collectors.toSet()));
        return new Result(List.copyOf(candidates), improved);
    }

    private static float[] mean(List<float[]> embeddings) {
        float[] sum = new float[embeddings.getFirst().length];
        for (float[] e : embeddings) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += e[i];
            }
        }
        return sum; // cosine distance does not need it normalised
    }

    public record Result(List<TrackCandidate> found, List<TrackCandidate> improved) {
    }

    /**
     * What a rematch's search found, the tracks it read through the index, and whether it fell back to the exact
     * scan (then the tracks read before it gave up).
     */
    public record Found(Collection<TrackCandidate> candidates, int tracksRead, boolean exactScan) {
    }
}
