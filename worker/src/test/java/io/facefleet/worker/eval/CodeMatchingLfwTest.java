package io.facefleet.worker.eval;

import io.facefleet.common.pack.ModelPacks;
import io.facefleet.worker.face.EngineSettings;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.TestEngines;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matching by binary codes (CreatorGallery's 32 candidates) on real faces: every 8th LFW person with at least 4
 * images here, each face matched against all the others. All 4,979 faces of the people with 2 images or more, with
 * `facefleet eval codes`, gave no wrong creator of 4,969 with 16, 64 or 256 candidates, the exact nearest face at
 * worst 6th by its code's score (docs/scaling.md).
 */
class CodeMatchingLfwTest {

    @Test
    void theCodesNearestToARealFaceHoldItsExactCreator() {
        Path lfw = TestEngines.FIXTURES.facedata("lfw");
        Map<String, List<Path>> people = ClusteringBenchmark.people(lfw.resolve("images"), 4, 8);
        try (FaceEngine engine = FaceEngine.open(ModelPacks.standard().load("dev-512"),
                EngineSettings.defaults().withIntraOpThreads(1))) {
            List<ClusteringBenchmark.LabelledFace> faces = LfwPeople.faces(engine, people);

            CodeMatchingBenchmark.Report report = CodeMatchingBenchmark.run(faces,
                    engine.pack().manifest().thresholds().match(), List.of(32));
            System.out.println("LFW, every 8th person with >= 4 images: " + report.line());

            assertThat(report.faces()).isGreaterThan(250);
            assertThat(report.probes()).isGreaterThan(report.faces() * 9 / 10);
            assertThat(report.wrong()).containsExactly(0);
            assertThat(report.medianRank()).isZero();
            assertThat(report.worstRank()).isLessThan(32);
        }
    }
}
