package io.facefleet.scheduler.creator;

import io.facefleet.common.jobs.EnrolCreatorRequest;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.scheduler.api.ApiException;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

/**
 * New creators and new photos: stored in one transaction, then an {@link EnrolCreatorRequest} for the workers,
 * which enrol every pending photo and rematch the faces waiting for review.
 */
@Service
class CreatorEnrolment {

    private final CreatorStore creators;
    private final JobRequestScheduler jobs;
    private final TransactionTemplate transaction;

    CreatorEnrolment(CreatorStore creators, JobRequestScheduler jobs, TransactionTemplate transaction) {
        this.creators = creators;
        this.jobs = jobs;
        this.transaction = transaction;
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
        String name = creators.find(creatorId).orElseThrow(() -> CreatorQueries.noSuchCreator(creatorId)).name();
        List<Long> photoIds = transaction.execute(status -> store(creatorId, photos));
        return new Enrolment(creatorId, name, photoIds, enrol(creatorId));
    }

    private List<Long> store(long creatorId, List<PhotoUpload> photos) {
        return photos.stream().map(photo -> creators.addPhoto(creatorId, photo.fileName(), photo.content())).toList();
    }

    /** After the commit: a worker picking the job up at once must find the photos. */
    private UUID enrol(long creatorId) {
        return jobs.enqueue(new EnrolCreatorRequest(creatorId)).asUUID();
    }
}
