package io.facefleet.scheduler.creator;

import io.facefleet.common.jobs.EnrolCreatorRequest;
import io.facefleet.common.store.Creator;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.MatchingLock;
import io.facefleet.scheduler.api.ApiException;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

/**
 * New creators and new photos: stored in one transaction, then an {@link EnrolCreatorRequest} for the workers,
 * which enrol every pending photo and rematch the faces waiting for review. Removing a photo (one without a face,
 * say, which holds back the enrolment of the others) enrols the photos still pending.
 */
@Service
class CreatorEnrolment {

    private final CreatorStore creators;
    private final JobRequestScheduler jobs;
    private final TransactionTemplate transaction;
    private final MatchingLock matchingLock;

    CreatorEnrolment(CreatorStore creators, JobRequestScheduler jobs, TransactionTemplate transaction,
                     MatchingLock matchingLock) {
        this.creators = creators;
        this.jobs = jobs;
        this.transaction = transaction;
        this.matchingLock = matchingLock;
    }

    private record Stored(long creatorId, List<Long> photoIds) {
    }

    Enrolment create(String name, List<PhotoUpload> photos) {
        Stored stored;
        try {
            stored = transaction.execute(status -> {
                if (creators.findByName(name).isPresent()) {
                    throw CreatorNames.taken(name);
                }
                long creatorId = creators.create(name);
                return new Stored(creatorId, store(creatorId, photos));
            });
        } catch (DuplicateKeyException e) {
            throw CreatorNames.taken(name); // created by another request since we looked
        }
        return new Enrolment(stored.creatorId(), name, stored.photoIds(), enrol(stored.creatorId()));
    }

    Enrolment addPhotos(long creatorId, List<PhotoUpload> photos) {
        String name = creators.find(creatorId).orElseThrow(() -> CreatorController.noSuchCreator(creatorId)).name();
        List<Long> photoIds = transaction.execute(status -> store(creatorId, photos));
        return new Enrolment(creatorId, name, photoIds, enrol(creatorId));
    }

    /**
     * Deletes the photo and the face enrolled from it (the matching lock keeps workers from matching against that
     * face while it goes); faces already matched keep their match. Enrols the creator's pending photos, if any.
     */
    PhotoRemoval removePhoto(long creatorId, long photoId) {
        creators.find(creatorId).orElseThrow(() -> CreatorController.noSuchCreator(creatorId));
        boolean enrolRest = Boolean.TRUE.equals(transaction.execute(status -> {
            matchingLock.exclusive();
            if (!creators.deletePhoto(creatorId, photoId)) {
                throw ApiException.notFound("Creator " + creatorId + " has no photo with id " + photoId);
            }
            return !creators.pendingPhotos(creatorId).isEmpty();
        }));
        return new PhotoRemoval(creatorId, photoId, enrolRest ? enrol(creatorId) : null);
    }

    private List<Long> store(long creatorId, List<PhotoUpload> photos) {
        return photos.stream().map(photo -> creators.addPhoto(creatorId, photo.fileName(), photo.content())).toList();
    }

    /** After the commit: a worker picking the job up at once must find the photos. */
    private UUID enrol(long creatorId) {
        return jobs.enqueue(new EnrolCreatorRequest(creatorId, creators.find(creatorId).map(Creator::name).orElse(null)))
                .asUUID();
    }
}
