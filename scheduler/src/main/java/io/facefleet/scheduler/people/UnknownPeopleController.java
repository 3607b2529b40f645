package io.facefleet.scheduler.people;

import io.facefleet.common.store.UnknownPeopleStore;
import io.facefleet.common.store.read.Page;
import io.facefleet.common.store.read.UnknownPeopleQueries;
import io.facefleet.common.store.read.UnknownPerson;
import io.facefleet.common.store.read.UnknownPersonTrack;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.api.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The unknown people: face tracks nobody is matched to, grouped by the workers into one cluster per person across
 * videos. Name one (a creator from its best faces, admin), merge two or ignore one (reviewer).
 */
@RestController
@RequestMapping("/api/unknown-people")
class UnknownPeopleController {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 200;

    record NameRequest(String name) {
    }

    record MergeRequest(Long into) {
    }

    record IgnoreRequest(Boolean ignored) {
    }

    private final UnknownPeopleQueries queries;
    private final UnknownPeopleStore people;
    private final UnknownPersonNaming naming;

    UnknownPeopleController(UnknownPeopleQueries queries, UnknownPeopleStore people, UnknownPersonNaming naming) {
        this.queries = queries;
        this.people = people;
        this.naming = naming;
    }

    /** Clusters with the most appearances first, each with a few faces and videos; ignored ones with {@code ignored=true}. */
    @GetMapping
    Page<UnknownPerson> list(@RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) Integer offset,
                             @RequestParam(required = false, defaultValue = "false") boolean ignored) {
        return queries.list(Paging.page(limit, offset, DEFAULT_PAGE, MAX_PAGE), ignored);
    }

    @GetMapping("/{id}")
    UnknownPerson show(@PathVariable long id) {
        return queries.find(id).orElseThrow(() -> noSuchPerson(id));
    }

    /** The cluster's face tracks, by video and time. */
    @GetMapping("/{id}/tracks")
    Page<UnknownPersonTrack> tracks(@PathVariable long id, @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) Integer offset) {
        if (!people.exists(id)) {
            throw noSuchPerson(id);
        }
        return queries.tracks(id, Paging.page(limit, offset, DEFAULT_PAGE, MAX_PAGE));
    }

    /** A new creator from the cluster's best faces ({@code {"name": "..."}}); the rematch tags their videos. */
    @PostMapping("/{id}/name")
    UnknownPersonNaming.Named name(@PathVariable long id, @RequestBody(required = false) NameRequest request) {
        return naming.name(id, request == null ? null : request.name());
    }

    /** This cluster is the same person as {@code {"into": other}}: its faces move there and it goes. */
    @PostMapping("/{id}/merge")
    UnknownPerson merge(@PathVariable long id, @RequestBody(required = false) MergeRequest request) {
        if (request == null || request.into() == null) {
            throw ApiException.badRequest("Send the cluster to merge into as JSON: {\"into\": 42}");
        }
        if (request.into() == id) {
            throw ApiException.badRequest("A cluster cannot be merged into itself");
        }
        if (!people.exists(id)) {
            throw noSuchPerson(id);
        }
        if (!people.merge(id, request.into())) {
            throw noSuchPerson(request.into());
        }
        return queries.find(request.into()).orElseThrow(() -> noSuchPerson(request.into()));
    }

    /** Not worth naming ({@code {"ignored": true}}, the default) or back in the list ({@code false}). */
    @PostMapping("/{id}/ignore")
    UnknownPerson ignore(@PathVariable long id, @RequestBody(required = false) IgnoreRequest request) {
        boolean ignored = request == null || request.ignored() == null || request.ignored();
        if (!people.setIgnored(id, ignored)) {
            throw noSuchPerson(id);
        }
        return queries.find(id).orElseThrow(() -> noSuchPerson(id));
    }

    static ApiException noSuchPerson(long id) {
        return ApiException.notFound("No unknown person with id " + id);
    }
}
