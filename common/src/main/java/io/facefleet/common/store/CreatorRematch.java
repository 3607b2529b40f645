package io.facefleet.common.store;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The rematch after a creator is enrolled, without its lock and job plumbing (the worker's RematchCreatorJob runs
 * it under the fleet-wide lock; {@code facefleet bench db} runs it on synthetic data): the faces no person has
 * decided on near any of the creator's embeddings, found through the HNSW index, are given to the creator where it
 * beats their current match, and their videos are re-tagged. Call it inside a transaction.
 */
@Component
public class CreatorRematch {

    /** The most faces one embedding's search returns. */
    public static final int CANDIDATES_PER_EMBEDDING = 10_000;

    private final FaceTrackStore faceTracks;
    private final TagStore tags;

    public CreatorRematch(FaceTrackStore faceTracks, TagStore tags) {
        this.faceTracks = faceTracks;
        this.tags = tags;
    }

    /**
     * @param progress told the number of embeddings searched so far
     * @return the faces found within the match threshold (best similarity per face) and those now given to the
     *         creator
     */
    public Result rematch(long creatorId, List<float[]> embeddings, RecognitionConfig config, IntConsumer progress) {
        Map<Long, TrackCandidate> best = new HashMap<>();
        for (int i = 0; i < embeddings.size(); i++) {
            for (TrackCandidate c : faceTracks.undecidedNear(embeddings.get(i), config.matchRule(),
                    creatorId, CANDIDATES_PER_EMBEDDING)) {
                best.merge(c.trackId(), c, (a, b) -> a.similarity() >= b.similarity() ? a : b);
            }
            progress.accept(i + 1);
        }
        return apply(creatorId, best.values(), config);
    }

    /** Gives the candidates to the creator where it beats their current match, and re-tags their videos. */
    public Result apply(long creatorId, Collection<TrackCandidate> candidates, RecognitionConfig config) {
        List<TrackCandidate> improved = new ArrayList<>();
        Set<Long> videos = new HashSet<>();
        for (TrackCandidate c : candidates) {
            if (faceTracks.improveMatch(c.trackId(), creatorId, c.similarity(), config.matchRule())) {
                improved.add(c);
                videos.add(c.videoId());
            }
        }
        tags.refreshTags(videos);
        return new Result(List.copyOf(candidates), improved);
    }

    public record Result(List<TrackCandidate> found, List<TrackCandidate> improved) {
    }
}
