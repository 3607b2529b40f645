package io.facefleet.scheduler.library;

import io.facefleet.common.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

/**
 * Follows file events under every library root, new folders included, so a video is queued seconds after it
 * lands rather than at the next rescan. Files are registered once they have settled ({@link SettlingFiles}); a
 * vanished file or folder is swept from its nearest remaining folder. Everything runs on one thread.
 */
@Component
public class LibraryWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LibraryWatcher.class);
    private static final long TICK_MILLIS = 250;

    private final LibraryProperties library;
    private final LibraryScanner scanner;
    private final SettlingFiles settling;
    private final Map<Path, WatchKey> watchedFolders = new HashMap<>();
    private volatile WatchService watchService;
    private volatile boolean running;
    private Thread thread;

    public LibraryWatcher(LibraryProperties library, LibraryScanner scanner, Clock clock) {
        this.library = library;
        this.scanner = scanner;
        this.settling = new SettlingFiles(clock, library.settleTime());
    }

    @Override
    public void start() {
        if (!library.watch() || library.roots().isEmpty()) {
            return;
        }
        try {
            watchService = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch the library", e);
        }
        for (Path root : library.roots()) {
            if (Files.isDirectory(root)) {
                watchTree(root, false);
            } else {
                log.warn("Library folder {} is not there: not watched (rescans will find it once it is)", root);
            }
        }
        log.info("Watching {} folders under {}", watchedFolders.size(), library.roots());
        running = true; // before the thread starts: it runs while this is set
        thread = Thread.ofPlatform().name("library-watcher").daemon().start(this::run);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            watchService.close();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (IOException e) {
            log.warn("Closing the library watcher: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            while (running) {
                WatchKey key = watchService.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                while (key != null) {
                    handle(key);
                    key = watchService.poll();
                }
                settle();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            log.debug("Library watcher stopped");
        } finally {
            if (running) {
                log.error("Library watcher ended while the scheduler runs: new files wait for the next rescan");
            }
        }
    }

    /** The events of one folder's key; a key that ends (its folder went away) counts as an event for the folder. */
    void handle(WatchKey key) {
        Path folder = (Path) key.watchable();
        boolean overflowed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                overflowed = true;
                continue;
            }
            Path path = folder.resolve((Path) event.context());
            if (VideoFiles.isHidden(path)) {
                continue;
            }
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                watchTree(path, true);
            } else if (VideoFiles.isVideo(path)) {
                settling.changed(path);
            } else if (event.kind() == ENTRY_DELETE && watchedFolders.containsKey(path)) {
                forgetTree(path);
                settling.changed(path);
            }
        }
        if (!key.reset()) {
            // The folder is gone, and the events of its files that came in since pollEvents() with it: the JDK does
            // not queue an invalid key again. Its parent's delete event may already have been read, or never come.
            watchedFolders.remove(folder);
            settling.changed(folder);
        }
        if (overflowed) {
            log.warn("Too many file events at once under {}: rescanning the library", LogText.escaped(folder));
            guarded(scanner::scan);
        }
    }

    /** Registers the files that have settled and sweeps the folders of those that vanished. */
    void settle() {
        SettlingFiles.Settled settled = settling.settle();
        for (FileState file : settled.files()) {
            guarded(() -> scanner.register(file));
        }
        for (Path gone : settled.vanished()) {
            guarded(() -> scanner.sweepMissing(nearestFolder(gone)));
        }
    }

    /** Registers a folder and every folder below it; files already inside a new folder are watched to settle. */
    private void watchTree(Path top, boolean filesAreNew) {
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    if (!dir.equals(top) && VideoFiles.isHidden(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    watchedFolders.put(dir, dir.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (filesAreNew && VideoFiles.isVideo(file)) {
                        settling.changed(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // For instance the inotify watch limit (fs.inotify.max_user_watches): rescans still cover the folder.
            log.warn("Cannot watch everything under {}: {}", LogText.escaped(top), LogText.escaped(e));
        }
    }

    /** A folder deleted or moved away: inotify would go on reporting a moved folder's events under its old path. */
    private void forgetTree(Path top) {
        watchedFolders.entrySet().removeIf(entry -> {
            boolean below = entry.getKey().startsWith(top);
            if (below) {
                entry.getValue().cancel();
            }
            return below;
        });
    }

    /**
     * The vanished path's nearest existing folder, or the library root it is: sweeping a root that went away does
     * nothing (an unmounted share must not turn its videos missing).
     */
    private Path nearestFolder(Path gone) {
        Path folder = gone;
        while (!library.roots().contains(folder) && !Files.isDirectory(folder)) {
            folder = folder.getParent();
        }
        return folder;
    }

    /** A failure (the database away for a moment) must not stop the watcher: the next rescan catches up. */
    private static void guarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("Library watcher: {}", e.toString(), e);
        }
    }
}
