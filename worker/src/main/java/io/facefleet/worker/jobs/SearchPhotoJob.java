package io.facefleet.worker.jobs;

import io.facefleet.common.image.ImageRejectedException;
import io.facefleet.common.jobs.SearchPhotoHandler;
import io.facefleet.common.jobs.SearchPhotoRequest;
import io.facefleet.common.store.PhotoSearchStore;
import io.facefleet.worker.face.DetectedFace;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.worker.face.StageTimings;
import org.bytedeco.opencv.opencv_core.Mat;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Embeds the most prominent face of a search photo, as an enrolment would ({@link EnrolCreatorJob}), and leaves the
 * embedding for the scheduler that waits for it; or why there is none.
 */
@Component
public class SearchPhotoJob implements SearchPhotoHandler {

    private final PhotoSearchStore searches;
    private final FaceEngine engine;
    private final ImageDecoder decoder;
    private final ActivePackCheck activePack;

    public SearchPhotoJob(PhotoSearchStore searches, FaceEngine engine, ImageDecoder decoder,
                          ActivePackCheck activePack) {
        this.searches = searches;
        this.engine = engine;
        this.decoder = decoder;
        this.activePack = activePack;
    }

    @Override
    public void run(SearchPhotoRequest request) {
        long id = request.searchId();
        Optional<byte[]> photo = searches.photo(id);
        if (photo.isEmpty()) {
            return; // the scheduler stopped waiting and deleted it
        }
        activePack.check();
        try (Mat image = decoder.decode(photo.get())) {
            engine.mostProminent(image, StageTimings.NONE).ifPresentOrElse(face -> {
                DetectedFace d = face.detection();
                searches.embedded(id, face.embedding(), new float[]{d.x1(), d.y1(), d.x2(), d.y2()});
            }, () -> searches.refused(id, PhotoSearchStore.Status.NO_FACE, "No face found in the photo"));
        } catch (ImageRejectedException e) {
            searches.refused(id, PhotoSearchStore.Status.FAILED, "The photo cannot be read: " + e.getMessage());
        }
    }
}
