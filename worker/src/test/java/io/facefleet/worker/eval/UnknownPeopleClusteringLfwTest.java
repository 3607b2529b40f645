package io.facefleet.worker.eval;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.people.ClusteringSettings;
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
 * The unknown people's clustering with its default settings on labelled faces: a quarter of the LFW people with at
 * least 4 images here (every 4th by name: 110 people, about 600 images), through the real pipeline, the real
 * stores and the HNSW index of a database of its own, clustered 25 faces ("a video") at a time. All 439 such
 * people, with `facefleet eval clusters`, measured precision 1.0000 and recall 0.983 (docs/unknown-people.md).
 */
class UnknownPeopleClusteringLfwTest {

    @Test
    void groupsLfwPeopleWithoutMixingThem() {
        Path lfw = TestEngines.FIXTURES.facedata("lfw");
        Map<String, List<Path>> people = ClusteringBenchmark.people(lfw.resolve("images"), 4, 4);
        try (FaceEngine engine = FaceEngine.open(ModelPacks.standard().load("dev-512"),
                EngineSettings.defaults().withIntraOpThreads(1))) {
            List<ClusteringBenchmark.LabelledFace> faces = LfwPeople.faces(engine, people);

            ClusteringBenchmark.Report report = ClusteringBenchmark.run(faces, ClusteringSettings.defaults(),
                    engine.pack(), DatabaseSettings.fromEnvironment(), 25, 1);
            System.out.println("LFW, every 4th person with >= 4 images: " + report.line());

            assertThat(report.people()).isEqualTo(110);
            assertThat(report.faces()).isGreaterThan(550);
            assertThat(report.precision()).isGreaterThanOrEqualTo(0.98);
            assertThat(report.recall()).isGreaterThanOrEqualTo(0.95);
            assertThat(report.mixedClusters()).isLessThanOrEqualTo(1);
            assertThat(report.clusteredFaces()).isGreaterThan(report.faces() * 9 / 10);
        }
    }
}
