package io.facefleet.scheduler.library;

import io.facefleet.common.jobs.VideoQueue;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoLifecycle;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.common.store.VideoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings the videos table in line with the library folders: registers new and changed files, queues them for the
 * workers, marks vanished ones missing.
 *
 * <p>Every method holds the scanner's lock: otherwise a full scan that walked a folder before the watcher
 * registered a new file there would then mark that file missing.
 */
@Component
public class LibraryScanner {

    private static final Logger log = LoggerFactory.getLogger(LibraryScanner.class);

    private final LibraryProperties library;
    private final VideoStore videos;
    private final VideoLifecycle lifecycle;
    private final VideoQueue queue;

    public LibraryScanner(LibraryProperties library, VideoStore videos, VideoLifecycle lifecycle, VideoQueue queue) {
        this.library = library;
        this.videos = videos;
        this.lifecycle = lifecycle;
        this.queue = queue;
    }

    public synchronized ScanCounts scan() {
        Map<String, Video> known = videos.all().stream().collect(Collectors.toMap(Video::path, Function.identity()));
        ScanCounts counts = ScanCounts.NONE;
        for (Path root : library.roots()) {
            counts = counts.plus(scanRoot(root, known));
        }
        log.info("Library scan of {}: {} new, {} changed, {} unchanged, {} missing", library.roots(),
                counts.newVideos(), counts.changed(), counts.unchanged(), counts.missing());
        return counts;
    }

    /** Registers one file the watcher saw settle, and queues it if it is new or changed. */
    public synchronized Video register(FileState file) {
        Video video = lifecycle.found(file.pathText(), file.size(), file.mtime());
        if (video.status() == VideoStatus.NEW) {
            queue.enqueue(video);
        }
        return video;
    }

    /** Marks missing every known video under a folder whose file is no longer there. */
    public synchronized int sweepMissing(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0; // a root that went away: unmounted, not emptied
        }
        LibraryWalk walk = LibraryWalk.of(folder);
        return walk.complete() ? lifecycle.missing(folder.toString(), presentPaths(walk)) : 0;
    }

    private ScanCounts scanRoot(Path root, Map<String, Video> known) {
        if (!Files.isDirectory(root)) {
            // An unmounted share must not turn the whole library missing.
            log.warn("Library folder {} is not there: its videos are left as they were", root);
            return ScanCounts.NONE;
        }
        LibraryWalk walk = LibraryWalk.of(root);
        int added = 0;
        int changed = 0;
        int unchanged = 0;
        for (FileState file : walk.videos()) {
            Video before = known.get(file.pathText());
            if (before != null && isUnchanged(before, file)) {
                unchanged++;
                if (before.status() == VideoStatus.NEW) {
                    queue.enqueue(before); // registered but never queued: the scheduler stopped in between
                }
                continue;
            }
            if (before == null) {
                added++;
            } else {
                changed++;
            }
            register(file);
        }
        int missing = 0;
        if (walk.complete()) {
            missing = lifecycle.missing(root.toString(), presentPaths(walk));
        } else {
            log.warn("Parts of {} could not be read: no video there is marked missing this time", root);
        }
        return new ScanCounts(added, changed, unchanged, missing);
    }

    private static boolean isUnchanged(Video video, FileState file) {
        return video.status() != VideoStatus.MISSING && video.sizeBytes() == file.size()
                && video.mtime().equals(file.mtime());
    }

    private static Set<String> presentPaths(LibraryWalk walk) {
        return walk.videos().stream().map(FileState::pathText).collect(Collectors.toSet());
    }
}
