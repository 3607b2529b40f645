package io.facefleet.worker.jobs;

import io.facefleet.common.image.ImageRejectedException;
import io.facefleet.common.jobs.ReembedCreatorHandler;
import io.facefleet.common.jobs.ReembedCreatorRequest;
import io.facefleet.common.jobs.UnprocessableInputException;
import io.facefleet.common.store.CreatorFaceToReembed;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.PackChange;
import io.facefleet.common.store.PackChangeStore;
import io.facefleet.worker.engine.PackEngines;
import io.facefleet.worker.face.Face;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.worker.face.StageTimings;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-embeds a creator's reference faces with the pack of the change under way: a photo's face as its enrolment
 * found it (the most prominent), a confirmed track's face by taking that track's new template (staged by its
 * video's job; where the track is gone, from the face's stored crop). Only faces without a staged vector are done,
 * so a retried job resumes.
 */
@Component
public class ReembedCreatorJob implements ReembedCreatorHandler {

    private static final Logger log = LoggerFactory.getLogger(ReembedCreatorJob.class);

    private final PackChangeStore changes;
    private final CreatorStore creators;
    private final PackEngines engines;
    private final ImageDecoder decoder;

    public ReembedCreatorJob(PackChangeStore changes, CreatorStore creators, PackEngines engines,
                             ImageDecoder decoder) {
        this.changes = changes;
        this.creators = creators;
        this.engines = engines;
        this.decoder = decoder;
    }

    @Override
    public void run(ReembedCreatorRequest request) {
        Optional<PackChange> change = changes.open().filter(open -> open.loadAs().equals(request.pack()));
        if (change.isEmpty() || creators.find(request.creatorId()).isEmpty()) {
            log.info("Re-embedding {}: no longer needed (the change ended or the creator is gone)", request);
            return;
        }
        long changeId = change.get().id();
        changes.stageConfirmedFaces(changeId);
        List<CreatorFaceToReembed> faces = changes.creatorFacesToReembed(changeId, request.creatorId());
        FaceEngine engine = engines.forPack(change.get().loadAs());
        JobProgress progress = JobProgress.of(this::jobContext, faces.size());
        List<String> failures = new ArrayList<>();
        int done = 0;
        for (CreatorFaceToReembed face : faces) {
            if (face.photoId() == null && face.trackId() != null && changes.awaitsTemplate(changeId, face.trackId())) {
                continue; // its video's job stages it
            }
            Optional<float[]> embedding = face.photoId() != null
                    ? embed(engine, creators.photoContent(face.photoId())) : Optional.empty();
            if (embedding.isEmpty()) {
                embedding = embed(engine, face.cropJpeg());
            }
            if (embedding.isPresent()) {
                changes.stageCreatorFace(changeId, face.embeddingId(), embedding.get());
            } else {
                failures.add("reference face " + face.embeddingId());
            }
            progress.set(++done);
        }
        if (!failures.isEmpty()) {
            throw new UnprocessableInputException(change.get().pack() + " finds no face in " + String.join(", ",
                    failures) + " of creator " + request.creatorId() + ": remove those faces (or photos) and queue"
                    + " the re-embedding again (facefleet reembed --pack " + change.get().loadAs() + ")");
        }
    }

    private Optional<float[]> embed(FaceEngine engine, byte[] image) {
        if (image == null) {
            return Optional.empty();
        }
        try (Mat decoded = decoder.decode(image)) {
            return engine.mostProminent(decoded, StageTimings.NONE).map(Face::embedding);
        } catch (ImageRejectedException e) {
            return Optional.empty();
        }
    }
}
