package io.facefleet.worker.jobs;

import io.facefleet.common.jobs.EnrolCreatorHandler;
import io.facefleet.common.jobs.EnrolCreatorRequest;
import io.facefleet.common.jobs.RematchQueue;
import io.facefleet.common.jobs.ReembedQueue;
import io.facefleet.common.jobs.UnprocessableInputException;
import io.facefleet.common.store.CreatorPhoto;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.MatchingLock;
import io.facefleet.worker.face.DetectedFace;
import io.facefleet.worker.face.Face;
import io.facefleet.worker.face.FaceCrops;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.common.image.ImageRejectedException;
import io.facefleet.worker.face.StageTimings;
import org.bytedeco.opencv.opencv_core.Mat;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Enrols a creator: the most prominent face of each photo not enrolled yet becomes one of the creator's
 * embeddings, then a rematch of pending faces is queued. All or nothing: when a photo has no face, that photo is
 * marked with the reason, no embedding is stored and the job fails with that reason.
 */
@Component
public class EnrolCreatorJob implements EnrolCreatorHandler {

    private record Enrolment(CreatorPhoto photo, Face face, byte[] cropJpeg) {
    }

    private final CreatorStore creators;
    private final FaceEngine engine;
    private final ImageDecoder decoder;
    private final MatchingLock matchingLock;
    private final TransactionTemplate transactions;
    private final RematchQueue rematches;
    private final ActivePackCheck activePack;
    private final ReembedQueue reembedding;

    public EnrolCreatorJob(CreatorStore creators, FaceEngine engine, ImageDecoder decoder, MatchingLock matchingLock,
                           TransactionTemplate transactions, RematchQueue rematches, ActivePackCheck activePack,
                           ReembedQueue reembedding) {
        this.activePack = activePack;
        this.reembedding = reembedding;
        this.creators = creators;
        this.engine = engine;
        this.decoder = decoder;
        this.matchingLock = matchingLock;
        this.transactions = transactions;
        this.rematches = rematches;
    }

    @Override
    public void run(EnrolCreatorRequest request) {
        long creatorId = request.creatorId();
        if (creators.find(creatorId).isEmpty()) {
            return;
        }
        activePack.check();
        List<CreatorPhoto> photos = creators.pendingPhotos(creatorId);
        JobProgress progress = JobProgress.of(this::jobContext, photos.size());
        List<Enrolment> enrolments = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (CreatorPhoto photo : photos) {
            enrolment(photo).ifPresentOrElse(enrolments::add, () -> {
                String reason = "No face found in " + photo.fileName();
                creators.markPhoto(photo.id(), "no_face", reason);
                failures.add(reason);
            });
            progress.set(enrolments.size() + failures.size());
        }
        if (!failures.isEmpty()) {
            throw new UnprocessableInputException(String.join("; ", failures)
                    + ". Nothing was enrolled: remove that photo to enrol the others, or add a better one");
        }
        transactions.executeWithoutResult(tx -> {
            matchingLock.exclusive();
            for (Enrolment e : enrolments) {
                DetectedFace d = e.face().detection();
                creators.addEmbedding(creatorId, e.face().embedding(), "photo", e.photo().fileName(), e.photo().id(),
                        null, new float[]{d.x1(), d.y1(), d.x2(), d.y2()}, d.score(), e.cropJpeg());
                creators.markPhoto(e.photo().id(), "enrolled", null);
            }
        });
        if (!enrolments.isEmpty()) {
            rematches.now(creatorId);
            reembedding.creatorIfChanging(creatorId);
        }
    }

    /** The photo's most prominent face with its crop for the dashboard; empty when it shows none. */
    private Optional<Enrolment> enrolment(CreatorPhoto photo) {
        try (Mat image = decoder.decode(creators.photoContent(photo.id()))) {
            return engine.mostProminent(image, StageTimings.NONE)
                    .map(face -> new Enrolment(photo, face, FaceCrops.jpeg(image, face.detection())));
        } catch (ImageRejectedException e) {
            return Optional.empty();
        }
    }
}
