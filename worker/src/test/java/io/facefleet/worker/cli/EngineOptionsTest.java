package io.facefleet.worker.cli;

import io.facefleet.common.Fixtures;
import io.facefleet.worker.face.ExecutionProvider;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.common.image.ImageRejectedException;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What `facefleet detect|compare|eval` are given is what their engine runs with. */
class EngineOptionsTest {

    private static final Path TWO_PEOPLE = Fixtures.locate().facedata("groups/fr_two_people.jpg");

    @Test
    void theEngineRunsThePackProviderAndThreadsAskedFor() {
        EngineOptions options = parse("--pack", "dev-128", "--provider", "cpu", "--intra-op-threads", "1");

        try (FaceEngine engine = options.openEngine(); Mat photo = options.decoder().decode(TWO_PEOPLE)) {
            assertThat(engine.pack().name()).isEqualTo("dev-128");
            assertThat(engine.executionProvider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(options.settings().intraOpThreads()).isEqualTo(1);
            assertThat(engine.analyze(photo)).hasSize(2)
                    .allSatisfy(face -> assertThat(face.embedding()).hasSize(128));
        }
    }

    @Test
    void maxPixelsRefusesLargerImages() {
        EngineOptions options = parse("--max-pixels", "10000");

        assertThatThrownBy(() -> options.decoder().decode(TWO_PEOPLE)).isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("10000");
    }

    private static EngineOptions parse(String... args) {
        EngineOptions options = new EngineOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
