package io.facefleet.scheduler.review;

import io.facefleet.common.store.read.ReviewItem;
import io.facefleet.common.store.read.ReviewQueries;
import io.facefleet.common.store.read.Page;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.api.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/review")
class ReviewController {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 200;

    /** Which creator a face is, for assign, and for confirm when it is not the current candidate. */
    record CreatorChoice(Long creatorId) {
    }

    private final ReviewQueries queries;
    private final ReviewDecisions decisions;

    ReviewController(ReviewQueries queries, ReviewDecisions decisions) {
        this.queries = queries;
        this.decisions = decisions;
    }

    /** Faces waiting for review, largest and most confident first, each with its nearest creators. */
    @GetMapping
    Page<ReviewItem> pending(@RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) Integer offset) {
        return queries.pending(Paging.page(limit, offset, DEFAULT_PAGE, MAX_PAGE));
    }

    /** The face is its current candidate, or the creator in the body's {@code creator_id}. */
    @PostMapping("/{trackId}/confirm")
    Decision confirm(@PathVariable long trackId, @RequestBody(required = false) CreatorChoice choice) {
        return decisions.confirm(trackId, choice == null ? null : choice.creatorId());
    }

    /**
     * The face is not the creator in the body's {@code creator_id} (send the one the reviewer was shown), or not its
     * current candidate without a body. Rejecting the current candidate moves the face on to the next one, if any
     * is close enough.
     */
    @PostMapping("/{trackId}/reject")
    Decision reject(@PathVariable long trackId, @RequestBody(required = false) CreatorChoice choice) {
        return decisions.reject(trackId, choice == null ? null : choice.creatorId());
    }

    /** The face is the creator in the body's {@code creator_id}. */
    @PostMapping("/{trackId}/assign")
    Decision assign(@PathVariable long trackId, @RequestBody(required = false) CreatorChoice choice) {
        if (choice == null || choice.creatorId() == null) {
            throw ApiException.badRequest("Send the creator as JSON: {\"creator_id\": 42}");
        }
        return decisions.confirm(trackId, choice.creatorId());
    }
}
