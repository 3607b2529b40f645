package io.facefleet.scheduler.video;

import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.api.Images;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The faces found in videos, as pictures. */
@RestController
@RequestMapping("/api/tracks")
class TrackController {

    private final FaceTrackStore faceTracks;

    TrackController(FaceTrackStore faceTracks) {
        this.faceTracks = faceTracks;
    }

    /** The face's crop (JPEG, longest side at most 160 px) as the worker cut it from its frame. */
    @GetMapping(path = "/{id}/crop.jpg", produces = "image/jpeg")
    ResponseEntity<byte[]> crop(@PathVariable long id) {
        return faceTracks.crop(id)
                .map(Images::crop)
                .orElseThrow(() -> ApiException.notFound("No face with id " + id + " or no crop stored for it"));
    }
}
