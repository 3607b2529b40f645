package io.facefleet.worker.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One rematch at a time across the fleet (a Redisson lock in Redis). The lock has no fixed lease: Redisson's
 * watchdog keeps it while its holder lives and lets it expire about 30 s after the holder dies. The wait for it is
 * timed ({@code facefleet_rematch_lock_wait_seconds}, tagged whether the lock was taken).
 */
@Component
public class RematchLock {

    static final String NAME = "facefleet:rematch";
    private static final Logger log = LoggerFactory.getLogger(RematchLock.class);

    private final RedissonClient redisson;
    private final Duration maxWait;
    private final Timer acquired;
    private final Timer gaveUp;

    public RematchLock(RedissonClient redisson, @Value("${facefleet.rematch.lock-wait:PT10M}") Duration maxWait,
                       MeterRegistry registry) {
        this.redisson = redisson;
        this.maxWait = maxWait;
        this.acquired = waits(registry, true);
        this.gaveUp = waits(registry, false);
    }

    private static Timer waits(MeterRegistry registry, boolean acquired) {
        return Timer.builder("facefleet.rematch.lock.wait")
                .description("How long a rematch waited for the fleet-wide rematch lock")
                .tag("acquired", Boolean.toString(acquired))
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
                        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
                        Duration.ofMinutes(10))
                .register(registry);
    }

    public <T> T run(String what, Supplier<T> work) {
        RLock lock = redisson.getLock(NAME);
        boolean locked = false;
        long waiting = System.nanoTime();
        try {
            if (lock.isLocked()) {
                log.info("{} waits for the rematch lock", what);
            }
            locked = lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted waiting for the rematch lock", e);
        } finally {
            (locked ? acquired : gaveUp).record(System.nanoTime() - waiting, TimeUnit.NANOSECONDS);
        }
        if (!locked) {
            throw new IllegalStateException(what + " could not take the rematch lock within " + maxWait);
        }
        try {
            return work.get();
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    public boolean isHeld() {
        return redisson.getLock(NAME).isLocked();
    }
}
