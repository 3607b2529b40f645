package io.facefleet.scheduler.library;

import io.facefleet.scheduler.support.SteppedClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The watcher's debounce, on real files and a clock the test moves. */
class SettlingFilesTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);

    @TempDir
    Path folder;

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SettlingFiles settling = new SettlingFiles(clock, SETTLE);

    @Test
    void aFileSettlesAfterTwoQuietChecksWithTheSameSize() throws IOException {
        Path video = Files.write(folder.resolve("a.mp4"), new byte[100]);
        settling.changed(video);

        clock.advance(Duration.ofSeconds(1));
        assertThat(settling.settle().isEmpty()).as("events still coming in").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(settling.settle().isEmpty()).as("first look at its size").isTrue();
        clock.advance(SETTLE);

        SettlingFiles.Settled settled = settling.settle();
        assertThat(settled.files()).singleElement().satisfies(file -> {
            assertThat(file.path()).isEqualTo(video);
            assertThat(file.size()).isEqualTo(100);
        });
        assertThat(settling.isEmpty()).isTrue();
    }

    @Test
    void aFileStillGrowingIsHeldBack() throws IOException {
        Path video = Files.write(folder.resolve("copying.mp4"), new byte[100]);
        settling.changed(video);
        clock.advance(SETTLE);
        assertThat(settling.settle().isEmpty()).isTrue();

        // The copy goes on without the watcher seeing an event (a slow network write, say).
        Files.write(video, new byte[100], StandardOpenOption.APPEND);
        clock.advance(SETTLE);
        assertThat(settling.settle().isEmpty()).as("size changed since the first look").isTrue();

        clock.advance(SETTLE);
        assertThat(settling.settle().files()).singleElement()
                .satisfies(file -> assertThat(file.size()).isEqualTo(200));
    }

    @Test
    void anEventStartsTheSettleTimeAgain() throws IOException {
        Path video = Files.write(folder.resolve("b.mp4"), new byte[10]);
        settling.changed(video);
        clock.advance(Duration.ofMillis(1500));
        settling.changed(video);
        clock.advance(Duration.ofMillis(1500));
        assertThat(settling.settle().isEmpty()).isTrue();
        assertThat(settling.isEmpty()).isFalse();
    }

    @Test
    void aDeletedPathVanishes() throws IOException {
        Path video = Files.write(folder.resolve("c.mp4"), new byte[10]);
        settling.changed(video);
        Files.delete(video);
        clock.advance(SETTLE);

        SettlingFiles.Settled settled = settling.settle();

        assertThat(settled.files()).isEmpty();
        assertThat(settled.vanished()).containsExactly(video);
    }
}
