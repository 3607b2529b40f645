package io.facefleet.scheduler.library;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** What counts as a video in the library: a known extension, in any case, and not hidden. */
public final class VideoFiles {

    private static final Set<String> EXTENSIONS =
            Set.of("mp4", "mkv", "mov", "avi", "webm", "m4v", "mpg", "mpeg", "wmv", "flv", "ts");

    private VideoFiles() {
    }

    public static boolean isVideo(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !isHidden(file) && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Dot-files and dot-folders (.Trash, .sync, ._resource forks) are not part of the library. */
    public static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
