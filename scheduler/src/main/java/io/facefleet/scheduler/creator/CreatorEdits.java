package io.facefleet.scheduler.creator;

import io.facefleet.common.jobs.ClusteringQueue;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchingLock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Renaming and deleting creators. */
@Service
class CreatorEdits {

    private final CreatorStore creators;
    private final FaceTrackStore faceTracks;
    private final MatchingLock matchingLock;
    private final ClusteringQueue clustering;

    CreatorEdits(CreatorStore creators, FaceTrackStore faceTracks, MatchingLock matchingLock,
                 ClusteringQueue clustering) {
        this.creators = creators;
        this.faceTracks = faceTracks;
        this.matchingLock = matchingLock;
        this.clustering = clustering;
    }

    @Transactional
    void rename(long id, String name) {
        try {
            if (!creators.rename(id, name)) {
                throw CreatorController.noSuchCreator(id);
            }
        } catch (DuplicateKeyException e) {
            throw CreatorNames.taken(name);
        }
    }

    /**
     * Deletes the creator with their photos, embeddings, rejections and tags (the schema cascades). Their faces
     * become unmatched rather than keep a status that names nobody, and go back among the unknown people; a
     * rematch of another creator may claim them. The matching lock keeps a worker from matching a face to the
     * creator while they go.
     */
    @Transactional
    void delete(long id) {
        matchingLock.exclusive();
        clustering.afterCommit(faceTracks.unmatchCreator(id));
        if (!creators.delete(id)) {
            throw CreatorController.noSuchCreator(id);
        }
    }
}
