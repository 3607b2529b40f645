package io.facefleet.scheduler.library;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the videos are and how the scheduler keeps up with them.
 *
 * @param roots          the library folders, each walked recursively
 * @param rescanInterval time between full rescans, which catch whatever the watcher missed
 * @param watch          whether to follow file events; off where the file system does not deliver them
 * @param settleTime     how long a file must go without events, twice with the same size, before it is
 *                       registered: a file still being copied is not processed half-written
 */
@ConfigurationProperties("facefleet.library")
public record LibraryProperties(@DefaultValue List<Path> roots,
                                @DefaultValue("10m") Duration rescanInterval,
                                @DefaultValue("true") boolean watch,
                                @DefaultValue("2s") Duration settleTime) {

    public LibraryProperties {
        roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).distinct().toList();
        if (rescanInterval.isNegative() || rescanInterval.isZero()) {
            throw new IllegalArgumentException("facefleet.library.rescan-interval must be positive");
        }
        if (settleTime.isNegative()) {
            throw new IllegalArgumentException("facefleet.library.settle-time must not be negative");
        }
    }
}
