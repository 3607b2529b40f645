package io.facefleet.common.jobs;

import io.facefleet.common.store.Creator;
import io.facefleet.common.store.CreatorStore;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Queues the rematch of a creator who has gained reference faces: one {@link RematchCreatorRequest} job. */
@Component
public class RematchQueue {

    private final JobRequestScheduler jobs;
    private final CreatorStore creators;
    private final Clock clock;

    public RematchQueue(JobRequestScheduler jobs, CreatorStore creators, Clock clock) {
        this.jobs = jobs;
        this.creators = creators;
        this.clock = clock;
    }

    /** Right away: an enrolment has added the creator's faces. */
    public UUID now(long creatorId) {
        return jobs.enqueue(request(creatorId)).asUUID();
    }

    /**
     * At the start of the next minute. A reviewer confirming face after face of one creator causes one rematch a
     * minute, not one per click: the job id names the creator and the minute, and JobRunr skips an id it already
     * holds.
     */
    public UUID soon(long creatorId) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        UUID id = UUID.nameUUIDFromBytes(("rematch-creator:" + creatorId + ":" + at).getBytes(StandardCharsets.UTF_8));
        return jobs.schedule(id, at, request(creatorId)).asUUID();
    }

    private RematchCreatorRequest request(long creatorId) {
        return new RematchCreatorRequest(creatorId, creators.find(creatorId).map(Creator::name).orElse(null));
    }
}
