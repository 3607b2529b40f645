package io.facefleet.scheduler.library;

import io.facefleet.common.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** What counts as a video in the library: a known extension, in any case, not hidden, and a name that is text. */
public final class VideoFiles {

    private static final Logger log = LoggerFactory.getLogger(VideoFiles.class);

    private static final Set<String> EXTENSIONS =
            Set.of("mp4", "mkv", "mov", "avi", "webm", "m4v", "mpg", "mpeg", "wmv", "flv", "ts");

    private VideoFiles() {
    }

    public static boolean isVideo(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !isHidden(file) && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                && hasTextName(file);
    }

    /**
     * A video is stored by its path as text, and the workers open it by that text. A name that is not valid in the
     * file system's encoding (UTF-8 here; bytes from an old Latin-1 disk) reads back as another name, which does
     * not exist: such a file is left out, with a warning that says which and what to do.
     */
    static boolean hasTextName(Path file) {
        boolean sameFile;
        try {
            sameFile = Path.of(file.toString()).equals(file);
        } catch (InvalidPathException e) {
            sameFile = false;
        }
        if (!sameFile) {
            log.warn("Left out of the library: the name of {} is not valid {} text (sun.jnu.encoding); rename it",
                    LogText.escaped(file), System.getProperty("sun.jnu.encoding"));
        }
        return sameFile;
    }

    /** Dot-files and dot-folders (.Trash, .sync, ._resource forks) are not part of the library. */
    public static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
