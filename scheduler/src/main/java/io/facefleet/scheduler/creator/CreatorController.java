package io.facefleet.scheduler.creator;

import io.facefleet.common.store.read.CreatorDetail;
import io.facefleet.common.store.read.CreatorQueries;
import io.facefleet.common.store.read.CreatorSummary;
import io.facefleet.common.store.read.Page;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.api.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.util.List;

@RestController
@RequestMapping("/api/creators")
class CreatorController {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    record Rename(String name) {
    }

    private final CreatorEnrolment enrolment;
    private final CreatorQueries queries;
    private final CreatorEdits edits;

    CreatorController(CreatorEnrolment enrolment, CreatorQueries queries, CreatorEdits edits) {
        this.enrolment = enrolment;
        this.queries = queries;
        this.edits = edits;
    }

    static ApiException noSuchCreator(long id) {
        return ApiException.notFound("No creator with id " + id);
    }

    /** A new creator from a name and one or more photos of their face; the workers enrol the photos. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Enrolment create(@RequestPart(required = false) String name,
                     @RequestPart(required = false) List<MultipartFile> photos) {
        return enrolment.create(CreatorNames.checked(name), PhotoUpload.checked(photos));
    }

    @PostMapping(path = "/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Enrolment addPhotos(@PathVariable long id,
                                         @RequestPart(required = false) List<MultipartFile> photos) {
        return enrolment.addPhotos(id, PhotoUpload.checked(photos));
    }

    /** Removes a photo and the face enrolled from it; the creator's photos still pending are enrolled. */
    @DeleteMapping("/{id}/photos/{photoId}")
    PhotoRemoval removePhoto(@PathVariable long id, @PathVariable long photoId) {
        return enrolment.removePhoto(id, photoId);
    }

    /** Creators by name, a page at a time; {@code q} keeps those whose name holds it (any case). */
    @GetMapping
    Page<CreatorSummary> list(@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) Integer offset) {
        return queries.page(q, Paging.page(limit, offset, DEFAULT_PAGE, MAX_PAGE));
    }

    @GetMapping("/{id}")
    CreatorDetail get(@PathVariable long id) {
        return queries.detail(id).orElseThrow(() -> noSuchCreator(id));
    }

    @PatchMapping("/{id}")
    CreatorSummary rename(@PathVariable long id, @RequestBody Rename rename) {
        edits.rename(id, CreatorNames.checked(rename.name()));
        return queries.summary(id).orElseThrow(() -> noSuchCreator(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        edits.delete(id);
    }
}
