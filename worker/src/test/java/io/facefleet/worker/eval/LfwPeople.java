package io.facefleet.worker.eval;

import io.facefleet.worker.face.EngineSettings;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** LFW people's images embedded by a real engine: one labelled face per image in which a face was found. */
final class LfwPeople {

    private LfwPeople() {
    }

    static List<ClusteringBenchmark.LabelledFace> faces(FaceEngine engine, Map<String, List<Path>> people) {
        Map<Path, Optional<float[]>> embedded = new LfwBenchmark(engine,
                new ImageDecoder(EngineSettings.DEFAULT_MAX_IMAGE_PIXELS), Runtime.getRuntime().availableProcessors())
                .embed(people.values().stream().flatMap(List::stream).toList(), done -> { });
        List<ClusteringBenchmark.LabelledFace> faces = new ArrayList<>();
        people.forEach((person, images) -> images.forEach(image -> embedded.get(image)
                .ifPresent(e -> faces.add(new ClusteringBenchmark.LabelledFace(person, e)))));
        return faces;
    }
}
