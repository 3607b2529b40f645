package io.facefleet.scheduler.library;

import io.facefleet.common.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The video files under a folder, hidden folders skipped. A symbolic link to a video file counts as that file (size
 * and time of its target); links to folders are not walked, so a library cannot loop. {@code complete} is false when some folder could not be
 * read: its videos were not seen, so they must not be taken for gone.
 */
public record LibraryWalk(Path folder, List<FileState> videos, boolean complete) {

    private static final Logger log = LoggerFactory.getLogger(LibraryWalk.class);

    public static LibraryWalk of(Path folder) {
        List<FileState> videos = new ArrayList<>();
        boolean[] complete = {true};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(folder) && VideoFiles.isHidden(dir)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!VideoFiles.isVideo(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attributes.isRegularFile()) {
                        videos.add(FileState.of(file, attributes));
                    } else if (attributes.isSymbolicLink()) {
                        FileState.read(file).ifPresent(videos::add); // a link to a video file, by its target
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // deleted while we walked: simply gone
                    }
                    log.warn("Cannot read {}: {}", LogText.escaped(file), LogText.escaped(e));
                    complete[0] = false;
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot walk " + folder, e);
        }
        return new LibraryWalk(folder, List.copyOf(videos), complete[0]);
    }
}
