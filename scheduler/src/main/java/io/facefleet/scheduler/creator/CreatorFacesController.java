package io.facefleet.scheduler.creator;

import io.facefleet.common.image.ImageFormat;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.read.CreatorFace;
import io.facefleet.common.store.read.CreatorMoment;
import io.facefleet.common.store.read.CreatorQueries;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.common.store.read.Page;
import io.facefleet.common.store.read.PageRequest;
import io.facefleet.scheduler.api.Images;
import io.facefleet.scheduler.api.Paging;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the dashboard shows of creators beyond the list: their enrolled faces, photos and moments in videos. */
@RestController
@RequestMapping("/api/creators")
class CreatorFacesController {

    static final int MAX_PER_CREATOR = 20;
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;
    /** The grid of every creator's faces asks for them all at once, up to this many. */
    static final int MAX_REFERENCE_FACES = 10_000;

    private final CreatorQueries queries;
    private final CreatorStore creators;

    CreatorFacesController(CreatorQueries queries, CreatorStore creators) {
        this.queries = queries;
        this.creators = creators;
    }

    /** Every creator's first few enrolled faces with a crop (photos before confirmed faces), for a grid. */
    @GetMapping("/faces")
    Page<CreatorFace> referenceFaces(@RequestParam(name = "per_creator", defaultValue = "3") int perCreator,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) Integer offset) {
        if (perCreator < 1 || perCreator > MAX_PER_CREATOR) {
            throw ApiException.badRequest("'per_creator' must be between 1 and " + MAX_PER_CREATOR);
        }
        return queries.referenceFaces(perCreator, Paging.page(limit, offset, MAX_REFERENCE_FACES, MAX_REFERENCE_FACES));
    }

    /** The creator's enrolled faces, oldest first. */
    @GetMapping("/{id}/faces")
    Page<CreatorFace> faces(@PathVariable long id, @RequestParam(required = false) Integer limit,
                            @RequestParam(required = false) Integer offset) {
        PageRequest page = Paging.page(limit, offset, DEFAULT_PAGE, MAX_PAGE);
        requireCreator(id);
        return queries.faces(id, page);
    }

    @GetMapping(path = "/{id}/faces/{faceId}/crop.jpg", produces = "image/jpeg")
    ResponseEntity<byte[]> faceCrop(@PathVariable long id, @PathVariable long faceId) {
        return creators.faceCrop(id, faceId)
                .map(Images::crop)
                .orElseThrow(() -> ApiException.notFound("Creator " + id + " has no face " + faceId + " with a crop"));
    }

    /** An uploaded photo as it was sent, so that one without a face can be seen. */
    @GetMapping("/{id}/photos/{photoId}/image")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        byte[] content = creators.photoContent(id, photoId)
                .orElseThrow(() -> ApiException.notFound("Creator " + id + " has no photo " + photoId));
        MediaType type = switch (ImageFormat.of(content).orElse(ImageFormat.JPEG)) {
            case JPEG -> MediaType.IMAGE_JPEG;
            case PNG -> MediaType.IMAGE_PNG;
            case WEBP -> MediaType.parseMediaType("image/webp");
            case BMP -> MediaType.parseMediaType("image/bmp");
        };
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noCache()).body(content);
    }

    /** Where the creator is seen: every face track matched, confirmed or pending as them, by video and time. */
    @GetMapping("/{id}/moments")
    Page<CreatorMoment> moments(@PathVariable long id, @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) Integer offset) {
        PageRequest page = Paging.page(limit, offset, DEFAULT_PAGE, MAX_PAGE);
        requireCreator(id);
        return queries.moments(id, page);
    }

    private void requireCreator(long id) {
        creators.find(id).orElseThrow(() -> CreatorController.noSuchCreator(id));
    }
}
