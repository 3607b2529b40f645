package io.facefleet.scheduler.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for something another thread does, such as the library watcher. */
public final class Poll {

    private Poll() {
    }

    public static <T> T until(Duration timeout, String what, Supplier<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
