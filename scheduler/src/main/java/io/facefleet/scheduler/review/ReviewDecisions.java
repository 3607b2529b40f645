package io.facefleet.scheduler.review;

import io.facefleet.common.jobs.ClusteringQueue;
import io.facefleet.common.jobs.RematchQueue;
import io.facefleet.common.store.Candidate;
import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.MatchingLock;
import io.facefleet.common.store.ReviewedTrack;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.VideoStore;
import io.facefleet.scheduler.api.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A reviewer's say on a face. Confirming (or assigning) makes the face evidence for its video's tags and adds it
 * to the creator's enrolled faces. Rejecting rules the creator out for that face for good; the face then waits
 * for its next-best candidate if one is at or above match_threshold, else becomes unmatched, not rejected: a
 * creator enrolled later may still claim it, which a rejected face would hide from the workers' rematch.
 *
 * <p>Locks are taken in the order the workers take them (matching lock, video, face), so the two never deadlock.
 */
@Service
public class ReviewDecisions {

    private final FaceTrackStore faceTracks;
    private final VideoStore videos;
    private final CreatorStore creators;
    private final TagStore tags;
    private final ConfigStore config;
    private final MatchingLock matchingLock;
    private final RematchQueue rematches;
    private final ClusteringQueue clustering;

    ReviewDecisions(FaceTrackStore faceTracks, VideoStore videos, CreatorStore creators, TagStore tags,
                    ConfigStore config, MatchingLock matchingLock, RematchQueue rematches, ClusteringQueue clustering) {
        this.faceTracks = faceTracks;
        this.videos = videos;
        this.creators = creators;
        this.tags = tags;
        this.config = config;
        this.matchingLock = matchingLock;
        this.rematches = rematches;
        this.clustering = clustering;
    }

    /** The face is who it was matched to, or {@code creatorId} when given. */
    @Transactional
    public Decision confirm(long trackId, Long creatorId) {
        Decision decision = confirmFace(trackId, creatorId);
        return decision.withRematch(rematches.soon(decision.creatorId()));
    }

    /**
     * These faces are the creator (a person named the unknown person they belong to): each is confirmed as in
     * {@link #confirm}, then one rematch of the creator is queued at once.
     *
     * @return the rematch job
     */
    @Transactional
    public UUID confirmAll(List<Long> trackIds, long creatorId) {
        trackIds.forEach(trackId -> confirmFace(trackId, creatorId));
        return rematches.now(creatorId);
    }

    private Decision confirmFace(long trackId, Long creatorId) {
        matchingLock.exclusive(); // the face joins the creator's embeddings
        ReviewedTrack face = lock(trackId);
        long creator = Optional.ofNullable(creatorId).or(() -> Optional.ofNullable(face.creatorId()))
                .orElseThrow(() -> ApiException.conflict("Face " + trackId + " has no candidate to confirm:"
                        + " assign it to a creator (POST /api/review/" + trackId + "/assign)"));
        if (creators.find(creator).isEmpty()) {
            throw ApiException.notFound("No creator with id " + creator);
        }
        Float similarity = faceTracks.similarityTo(trackId, creator);
        if (similarity == null && face.creatorId() != null && face.creatorId() == creator) {
            similarity = face.confidence();
        }
        faceTracks.withdrawRejection(trackId, creator);
        faceTracks.decide(trackId, MatchStatus.CONFIRMED, creator, similarity);
        creators.forgetConfirmedFace(trackId);
        // the crop goes with the face into the creator's faces: reprocessing the video later replaces the track
        creators.addEmbedding(creator, face.embedding(), CreatorStore.CONFIRMED_DETECTION, face.videoPath(), null,
                trackId, face.bbox(), face.detScore(), face.cropJpeg());
        tags.refreshTags(face.videoId());
        return new Decision(trackId, face.videoId(), MatchStatus.CONFIRMED.db(), creator, similarity, null);
    }

    /**
     * The face is not {@code creatorId} (the reviewer names the creator they were shown), or, when null, not who it
     * is matched to now. If a rematch moved the face to someone else since the reviewer saw it, the creator is
     * still ruled out and the face keeps its new candidate for the reviewer to look at.
     */
    @Transactional
    public Decision reject(long trackId, Long creatorId) {
        ReviewedTrack face = lock(trackId);
        Long ruledOut = Optional.ofNullable(creatorId).orElse(face.creatorId());
        if (ruledOut == null) {
            throw ApiException.conflict("Face " + trackId + " is matched to no one: there is nothing to reject");
        }
        if (creators.find(ruledOut).isEmpty()) {
            throw ApiException.notFound("No creator with id " + ruledOut);
        }
        faceTracks.reject(trackId, ruledOut);
        if (!ruledOut.equals(face.creatorId())) {
            return new Decision(trackId, face.videoId(), face.status().db(), face.creatorId(), face.confidence(),
                    null);
        }
        creators.forgetConfirmedFace(trackId);
        var rule = config.get().matchRule();
        Optional<Candidate> next = creators.candidates(trackId, face.embedding(), 1).stream()
                .filter(candidate -> rule.isCandidate(candidate.similarity()))
                .findFirst();
        Decision decision;
        if (next.isPresent()) {
            faceTracks.decide(trackId, MatchStatus.PENDING, next.get().creatorId(), next.get().similarity());
            decision = new Decision(trackId, face.videoId(), MatchStatus.PENDING.db(), next.get().creatorId(),
                    next.get().similarity(), null);
        } else {
            faceTracks.decide(trackId, MatchStatus.UNMATCHED, null, null);
            clustering.afterCommit(List.of(face.videoId())); // the face may be one of the unknown people
            decision = new Decision(trackId, face.videoId(), MatchStatus.UNMATCHED.db(), null, null, null);
        }
        tags.refreshTags(face.videoId());
        return decision;
    }

    /** Video row, then track row: the order the workers lock them in. */
    private ReviewedTrack lock(long trackId) {
        long videoId = faceTracks.videoOf(trackId)
                .orElseThrow(() -> ApiException.notFound("No face with id " + trackId));
        videos.lockRow(videoId);
        return faceTracks.lockForReview(trackId)
                // the video was processed again in between, which replaced its faces
                .orElseThrow(() -> ApiException.notFound("No face with id " + trackId));
    }
}
