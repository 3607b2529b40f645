package io.facefleet.worker.video;

import io.facefleet.common.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The 10-minute test videos of {@code scripts/long-videos.sh}, made once per folder and shared by every test class
 * that asks for them. The folder is the system property {@code facefleet.long-videos}, else the environment variable
 * {@code FACEFLEET_LONG_VIDEOS}, else {@code target/long-videos} of the module.
 */
public final class LongVideos {

    /** Barack Obama is on screen from 301.0 s to 306.0 s of each (truth.tsv beside them says so too). */
    public static final double OBAMA_START_SECONDS = 301.0;
    public static final double OBAMA_END_SECONDS = 306.0;
    public static final double DURATION_SECONDS = 600.0;
    public static final double FPS = 25.0;

    private LongVideos() {
    }

    public static Path folder() {
        String configured = System.getProperty("facefleet.long-videos");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("FACEFLEET_LONG_VIDEOS");
        }
        return Path.of(configured == null || configured.isBlank() ? "target/long-videos" : configured)
                .toAbsolutePath().normalize();
    }

    /** H.264 with a keyframe every 2 s. */
    public static Path keyframeEvery2s(int height) {
        return make(height).resolve("long-key2s-" + height + "p.mp4");
    }

    /** H.264 with a keyframe every 10 s. */
    public static Path keyframeEvery10s(int height) {
        return make(height).resolve("long-key10s-" + height + "p.mp4");
    }

    /** Runs the script (it returns at once where the videos are already made, and waits for one running). */
    public static synchronized Path make(int height) {
        Path folder = folder();
        Path script = script();
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), folder.toString(), "--height",
                String.valueOf(height)).inheritIO();
        builder.environment().put("FACEFLEET_FIXTURES", Fixtures.locate().root().toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " took more than 20 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed with exit code " + process.exitValue());
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/long-videos.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/long-videos.sh not found above " + Path.of("").toAbsolutePath());
    }
}
