package io.facefleet.scheduler.review;

import io.facefleet.common.jobs.RematchCreatorRequest;
import io.facefleet.common.store.Creator;
import io.facefleet.common.store.CreatorStore;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Rematches a creator who has gained a face, at the start of the next minute. A reviewer confirming face after
 * face of one creator causes one rematch a minute, not one per click: the job id names the creator and the minute,
 * and JobRunr skips an id it already holds.
 */
@Component
class RematchQueue {

    private final JobRequestScheduler jobs;
    private final CreatorStore creators;
    private final Clock clock;

    RematchQueue(JobRequestScheduler jobs, CreatorStore creators, Clock clock) {
        this.jobs = jobs;
        this.creators = creators;
        this.clock = clock;
    }

    UUID soon(long creatorId) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        UUID id = UUID.nameUUIDFromBytes(("rematch-creator:" + creatorId + ":" + at).getBytes(StandardCharsets.UTF_8));
        return jobs.schedule(id, at, new RematchCreatorRequest(creatorId,
                creators.find(creatorId).map(Creator::name).orElse(null))).asUUID();
    }
}
