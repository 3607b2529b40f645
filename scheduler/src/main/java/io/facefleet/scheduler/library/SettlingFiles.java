package io.facefleet.scheduler.library;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Paths the watcher saw change, held until they settle. A file settles once it has gone a whole settle time
 * without events and then shows the same size and time at two checks a settle time apart: a file still being
 * copied keeps changing and is held back. A path that is gone by then has vanished.
 */
final class SettlingFiles {

    /** What settled since the last call: files to register and paths that disappeared. */
    record Settled(List<FileState> files, List<Path> vanished) {
        boolean isEmpty() {
            return files.isEmpty() && vanished.isEmpty();
        }
    }

    private record Watch(Instant lastChange, FileState lastSeen) {
    }

    private final Clock clock;
    private final Duration settleTime;
    private final Map<Path, Watch> watched = new HashMap<>();

    SettlingFiles(Clock clock, Duration settleTime) {
        this.clock = clock;
        this.settleTime = settleTime;
    }

    /** An event for the path: its settle time starts again. */
    void changed(Path path) {
        watched.put(path, new Watch(clock.instant(), null));
    }

    boolean isEmpty() {
        return watched.isEmpty();
    }

    Settled settle() {
        Instant now = clock.instant();
        List<FileState> files = new ArrayList<>();
        List<Path> vanished = new ArrayList<>();
        for (Iterator<Map.Entry<Path, Watch>> it = watched.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Watch> entry = it.next();
            Watch watch = entry.getValue();
            if (now.isBefore(watch.lastChange().plus(settleTime))) {
                continue;
            }
            Path path = entry.getKey();
            Optional<FileState> state = FileState.read(path);
            if (state.isEmpty()) {
                it.remove();
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    vanished.add(path);
                }
            } else if (state.get().equals(watch.lastSeen())) {
                it.remove();
                files.add(state.get());
            } else {
                entry.setValue(new Watch(now, state.get()));
            }
        }
        return new Settled(files, vanished);
    }
}
