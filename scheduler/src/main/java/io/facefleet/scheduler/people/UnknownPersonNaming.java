package io.facefleet.scheduler.people;

import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.TrackEmbedding;
import io.facefleet.common.store.UnknownPeopleStore;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.creator.CreatorNames;
import io.facefleet.scheduler.review.ReviewDecisions;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Naming an unknown person: a new creator whose reference faces are the cluster's best faces, confirmed as a
 * reviewer would (they join the creator's faces with their crops and tag their videos), then the usual rematch,
 * which gives the creator every other face near enough, in this cluster or anywhere, and tags those videos. The
 * cluster goes: its person is known now.
 */
@Service
class UnknownPersonNaming {

    /** Reference faces taken from a cluster: enough to cover a few poses, few enough to be the best. */
    static final int REFERENCE_FACES = 5;

    /** The creator made from a cluster, the faces it was made from, and the rematch that looks for the rest. */
    record Named(long creatorId, String name, List<Long> trackIds, UUID rematchJobId) {
    }

    private final UnknownPeopleStore people;
    private final CreatorStore creators;
    private final FaceTrackStore faceTracks;
    private final ReviewDecisions decisions;
    private final TransactionTemplate transaction;

    UnknownPersonNaming(UnknownPeopleStore people, CreatorStore creators, FaceTrackStore faceTracks,
                        ReviewDecisions decisions, TransactionTemplate transaction) {
        this.people = people;
        this.creators = creators;
        this.faceTracks = faceTracks;
        this.decisions = decisions;
        this.transaction = transaction;
    }

    Named name(long personId, String requestedName) {
        String name = CreatorNames.checked(requestedName);
        try {
            return transaction.execute(status -> {
                if (!people.exists(personId)) {
                    throw UnknownPeopleController.noSuchPerson(personId);
                }
                if (creators.findByName(name).isPresent()) {
                    throw CreatorNames.taken(name);
                }
                // in video order, the order the workers lock videos in
                List<Long> faces = people.bestFaces(personId, REFERENCE_FACES).stream().map(TrackEmbedding::trackId)
                        .sorted(Comparator.comparing((Long id) -> faceTracks.videoOf(id).orElse(0L)).thenComparing(id -> id))
                        .toList();
                if (faces.isEmpty()) {
                    throw ApiException.conflict("Unknown person " + personId + " has no unmatched face left: its faces"
                            + " have been matched to creators since");
                }
                long creatorId = creators.create(name);
                UUID rematch = decisions.confirmAll(faces, creatorId);
                people.delete(personId);
                return new Named(creatorId, name, faces, rematch);
            });
        } catch (DuplicateKeyException e) {
            throw CreatorNames.taken(name); // created by another request since we looked
        }
    }
}
