package io.facefleet.scheduler.reembed;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Changing the model pack: admins only (POST /api/** is theirs), docs/model-pack-change.md. */
@RestController
@RequestMapping("/api/admin/reembed")
class PackChangeController {

    record Start(String pack) {
    }

    private final PackChanges changes;

    PackChangeController(PackChanges changes) {
        this.changes = changes;
    }

    @GetMapping
    PackChangeStatus status() {
        return changes.status();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    PackChangeStatus start(@RequestBody Start start) {
        return changes.start(start.pack());
    }

    @PostMapping("/switch")
    PackChangeStatus switchNow() {
        return changes.switchNow();
    }

    @PostMapping("/abandon")
    PackChangeStatus abandon() {
        return changes.abandon();
    }
}
