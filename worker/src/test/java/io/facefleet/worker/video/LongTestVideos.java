package io.facefleet.worker.video;

import io.facefleet.common.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The ten-minute test videos of scripts/long-videos.sh (480p), made once per checkout under target/long-videos and
 * shared by the test classes that need them: strangers throughout, Barack Obama on screen from 301 s to 306 s.
 */
public record LongTestVideos(Path folder) {

    private static final int HEIGHT = 480;
    private static LongTestVideos made;

    public static synchronized LongTestVideos standard() {
        if (made == null) {
            Path root = repositoryRoot();
            made = new LongTestVideos(root.resolve("target/long-videos"));
            made.make(root.resolve("scripts/long-videos.sh"));
        }
        return made;
    }

    public Path keyframesEvery2s() {
        return folder.resolve("long-key2s-" + HEIGHT + "p.mp4");
    }

    public Path keyframesEvery10s() {
        return folder.resolve("long-key10s-" + HEIGHT + "p.mp4");
    }

    private void make(Path script) {
        try {
            Process process = new ProcessBuilder("bash", script.toString(), folder.toString(), "--height",
                    String.valueOf(HEIGHT))
                    .inheritIO()
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed to make the long test videos");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/long-videos.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("scripts/long-videos.sh not found above " + Path.of("").toAbsolutePath()
                + " (fixtures at " + Fixtures.locate().root() + ")");
    }
}
