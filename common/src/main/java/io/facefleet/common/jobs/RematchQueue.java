package io.facefleet.common.jobs;

import io.facefleet.common.store.Creator;
import io.facefleet.common.store.CreatorStore;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Queues the rematch of a creator who has gained reference faces: one {@link RematchCreatorRequest} job. */
@Component
public class RematchQueue {

    private final JobRequestScheduler jobs;
    private final CreatorStore creators;
    private final Clock clock;
    private final Duration window;

    /** @param window {@code facefleet.review.rematch-window}: confirmations within one window share a rematch */
    public RematchQueue(JobRequestScheduler jobs, CreatorStore creators, Clock clock,
                        @Value("${facefleet.review.rematch-window:PT1M}") Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("facefleet.review.rematch-window must be positive, not " + window);
        }
        this.jobs = jobs;
        this.creators = creators;
        this.clock = clock;
        this.window = window;
    }


    /** Right away: an enrolment has added the creator's faces. */
    public UUID now(long creatorId) {
        return jobs.enqueue(request(creatorId)).asUUID();
    }

    /**
     * At the start of the next window (a minute by default, counted from the epoch). A reviewer confirming face
     * after face of one creator causes one rematch a window, not one per click: the job id names the creator and
     * the window, and JobRunr skips an id it already holds.
     */
    public UUID soon(long creatorId) {
        long windowMillis = window.toMillis();
        Instant at = Instant.ofEpochMilli((clock.millis() / windowMillis + 1) * windowMillis);
        UUID id = UUID.nameUUIDFromBytes(("rematch-creator:" + creatorId + ":" + at).getBytes(StandardCharsets.UTF_8));
        return jobs.schedule(id, at, request(creatorId)).asUUID();
    }

    private RematchCreatorRequest request(long creatorId) {
        return new RematchCreatorRequest(creatorId, creators.find(creatorId).map(Creator::name).orElse(null));
    }
}
