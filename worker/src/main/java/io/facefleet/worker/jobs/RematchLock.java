package io.facefleet.worker.jobs;

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
 * watchdog keeps it while its holder lives and lets it expire about 30 s after the holder dies.
 */
@Component
public class RematchLock {

    static final String NAME = "facefleet:rematch";
    private static final Logger log = LoggerFactory.getLogger(RematchLock.class);

    private final RedissonClient redisson;
    private final Duration maxWait;

    public RematchLock(RedissonClient redisson, @Value("${facefleet.rematch.lock-wait:PT10M}") Duration maxWait) {
        this.redisson = redisson;
        this.maxWait = maxWait;
    }

    public <T> T run(String what, Supplier<T> work) {
        RLock lock = redisson.getLock(NAME);
        boolean locked;
        try {
            if (lock.isLocked()) {
                log.info("{} waits for the rematch lock", what);
            }
            locked = lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted waiting for the rematch lock", e);
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
