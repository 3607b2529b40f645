package io.facefleet.common.matching;

import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchRule;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.TrackCandidate;
import io.facefleet.common.store.TrackNearCreator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * The rematch after a creator is enrolled, without its lock and job plumbing (the worker's RematchCreatorJob runs
 * it under the fleet-wide lock; {@code facefleet bench db} runs it on synthetic data): the faces no person has
 * decided on within the match threshold of any of the creator's enrolled faces are given to the creator where it
 * beats their current match, and their videos are re-tagged. Call it inside a transaction.
 *
 * <p>The faces are read in the order of their binary codes' distance to a probe ({@link TrackGallery#ranking}),
 * compared exactly up to {@value #PAGE} at a time (each track once per rematch), and the search ends where the
 * creator's faces end: a person's faces lie close together and far from everyone else's, so after {@link #STREAK}
 * tracks in a row that bring no new face within the threshold, the rest of the library holds none. It searches from
 * the mean of the creator's faces first (it lies nearer to all of them than any one photo does, so most faces are
 * found at once), then from each enrolled face (which finds those near one unusual photo; where the mean found them
 * already, it ends after one streak, without asking PostgreSQL again). Every probe ranks the same codes, and the
 * tracks written since they were read are all compared, once. A creator with more than {@link #MOST_CANDIDATES}
 * faces near one probe, or embeddings too short for codes, are rematched by the exact scan instead
 * ({@link FaceTrackStore#undecidedWithin}).
 */
public class CreatorRematch {

    /** Tracks read from one probe's search before the exact scan is cheaper. */
    public static final int MOST_CANDIDATES = 10_000;
    /** Tracks in a row without a new face within the threshold that end one probe's search. */
    static final int STREAK = 100;
    /** Tracks compared exactly in one statement. */
    static final int PAGE = 200;

    private final FaceTrackStore faceTracks;
    private final TrackGallery gallery;
    private final TagStore tags;

    public CreatorRematch(FaceTrackStore faceTracks, TrackGallery gallery, TagStore tags) {
        this.faceTracks = faceTracks;
        this.gallery = gallery;
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
        if (embeddings.getFirst().length < CreatorGallery.LEAST_BITS) {
            progress.accept(probes.size());
            return new Found(faceTracks.undecidedWithin(creatorId, rule), 0, true);
        }
        Search search = new Search(creatorId, embeddings, rule, gallery.ranking(embeddings.getFirst().length));
        search.compareUnseen();
        for (int i = 0; i < probes.size(); i++) {
            if (!search.from(probes.get(i))) {
                progress.accept(probes.size());
                return new Found(faceTracks.undecidedWithin(creatorId, rule), search.compared.size(), true);
            }
            progress.accept(i + 1);
        }
        return new Found(List.copyOf(search.open.values()), search.compared.size(), false);
    }

    /**
     * One rematch's searches, all in the same codes. A track's similarity to the creator does not depend on the
     * probe, so each track is compared once, whichever probe's search reaches it first; later searches count it
     * without asking again.
     */
    private final class Search {

        private final long creatorId;
        private final List<float[]> embeddings;
        private final MatchRule rule;
        private final TrackGallery.Ranking ranking;
        /** Every track compared, null where it was deleted since the codes were read. */
        private final Map<Long, TrackNearCreator> compared = new HashMap<>();
        private final Set<Long> near = new HashSet<>();
        private final Map<Long, TrackCandidate> open = new HashMap<>();

        Search(long creatorId, List<float[]> embeddings, MatchRule rule, TrackGallery.Ranking ranking) {
            this.creatorId = creatorId;
            this.embeddings = embeddings;
            this.rule = rule;
            this.ranking = ranking;
        }

        /** The tracks the codes lack, written since their snapshot: compared first, once for every probe. */
        void compareUnseen() {
            for (TrackNearCreator track : faceTracks.nearCreatorUnseenBy(ranking.snapshot(), embeddings, creatorId)) {
                compared.put(track.trackId(), track);
                isNewFace(track);
            }
        }

        /** @return whether the creator's faces ended before the search was cut off */
        boolean from(float[] probe) {
            long[] ids = ranking.trackIds(probe);
            int end = Math.min(ids.length, MOST_CANDIDATES);
            int sinceNew = 0;
            for (int i = 0; i < end && sinceNew < STREAK; i++) {
                if (!compared.containsKey(ids[i])) {
                    compareNext(ids, i, end);
                }
                TrackNearCreator track = compared.get(ids[i]);
                if (track != null) {
                    sinceNew = isNewFace(track) ? 0 : sinceNew + 1;
                }
            }
            // every track read (a library smaller than the limit) is as good as a streak
            return sinceNew >= STREAK || end == ids.length;
        }

        /** Compares the next {@link #PAGE} tracks from {@code from} on that were not compared yet, in one statement. */
        private void compareNext(long[] ids, int from, int end) {
            long[] page = new long[PAGE];
            int size = 0;
            for (int i = from; i < end && size < PAGE; i++) {
                if (!compared.containsKey(ids[i])) {
                    page[size++] = ids[i];
                }
            }
            long[] asked = Arrays.copyOf(page, size);
            for (long id : asked) {
                compared.put(id, null);
            }
            faceTracks.nearCreator(asked, embeddings, creatorId).forEach(t -> compared.put(t.trackId(), t));
        }

        private boolean isNewFace(TrackNearCreator track) {
            if (!rule.isCandidate(track.similarity()) || !near.add(track.trackId())) {
                return false;
            }
            if (track.open()) {
                open.put(track.trackId(), track.candidate());
            }
            return true;
        }
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
     * What a rematch's search found, the tracks it compared, and whether it fell back to the exact scan (then the
     * tracks compared before it gave up).
     */
    public record Found(Collection<TrackCandidate> candidates, int tracksRead, boolean exactScan) {
    }
}
