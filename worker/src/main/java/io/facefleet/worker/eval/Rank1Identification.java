package io.facefleet.worker.eval;

import io.facefleet.worker.face.Embeddings;
import io.facefleet.worker.face.Face;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.worker.face.StageTimings;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Closed-set identification over a folder with one sub-folder per person: each photo is searched against all the
 * others and counts as correct when its nearest neighbour shows the same person. Photos whose person has no other
 * photo are searched against but not probed. Also reports the closest pair of different people and the least
 * similar pair of the same person, which is what the match thresholds have to fit between.
 */
public final class Rank1Identification {

    public record Pair(LabelledPhoto a, LabelledPhoto b, float similarity) {
    }

    public record Report(int photos, List<Path> noFace, int probes, int correct, List<Pair> mistakes,
                         Pair closestDifferentPeople, Pair leastSimilarSamePerson) {

        public double rank1() {
            return (double) correct / probes;
        }
    }

    private final FaceEngine engine;
    private final ImageDecoder decoder;

    public Rank1Identification(FaceEngine engine, ImageDecoder decoder) {
        this.engine = engine;
        this.decoder = decoder;
    }

    public Report run(Path photosFolder) {
        List<Path> files = photos(photosFolder);
        List<LabelledPhoto> photos = new ArrayList<>();
        List<Path> noFace = new ArrayList<>();
        for (Path file : files) {
            String person = file.getParent().getFileName().toString();
            embed(file).ifPresentOrElse(e -> photos.add(new LabelledPhoto(person, file, e)), () -> noFace.add(file));
        }
        Map<String, Long> photosPerPerson = photos.stream()
                .collect(Collectors.groupingBy(LabelledPhoto::person, Collectors.counting()));

        int probes = 0, correct = 0;
        List<Pair> mistakes = new ArrayList<>();
        Pair closestDifferent = null, leastSimilarSame = null;
        for (int i = 0; i < photos.size(); i++) {
            LabelledPhoto probe = photos.get(i);
            Pair nearest = null;
            for (int j = 0; j < photos.size(); j++) {
                if (i == j) {
                    continue;
                }
                LabelledPhoto other = photos.get(j);
                Pair pair = new Pair(probe, other, Embeddings.cosine(probe.embedding(), other.embedding()));
                if (nearest == null || pair.similarity() > nearest.similarity()) {
                    nearest = pair;
                }
                boolean same = probe.person().equals(other.person());
                if (!same && (closestDifferent == null || pair.similarity() > closestDifferent.similarity())) {
                    closestDifferent = pair;
                }
                if (same && (leastSimilarSame == null || pair.similarity() < leastSimilarSame.similarity())) {
                    leastSimilarSame = pair;
                }
            }
            if (nearest != null && photosPerPerson.get(probe.person()) > 1) {
                probes++;
                if (nearest.b().person().equals(probe.person())) {
                    correct++;
                } else {
                    mistakes.add(nearest);
                }
            }
        }
        return new Report(files.size(), noFace, probes, correct, mistakes, closestDifferent, leastSimilarSame);
    }

    private Optional<float[]> embed(Path file) {
        try (Mat bgr = decoder.decode(file)) {
            return engine.mostProminent(bgr, StageTimings.NONE).map(Face::embedding);
        }
    }

    private static List<Path> photos(Path folder) {
        try (Stream<Path> walk = Files.walk(folder, 2)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.(jpe?g|png|webp|bmp)"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }
}
