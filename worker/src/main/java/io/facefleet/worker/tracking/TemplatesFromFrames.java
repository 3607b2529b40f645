package io.facefleet.worker.tracking;

import io.facefleet.worker.face.DetectedFace;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.StageTimings;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes stored tracks' templates again with another pack, from the frames they were sampled at: in each frame the
 * pack's detector finds the faces, the one that best overlaps a track's stored box is that track's face there, and
 * as when the video was processed the track's best few faces ({@link FaceQuality}; one for every three sightings,
 * up to {@value FaceTrack#REPRESENTATIVES}) are embedded and averaged where they agree with the best one.
 */
public final class TemplatesFromFrames implements AutoCloseable {

    /** Least overlap with the stored box for a detection to be the track's face. */
    static final double MIN_OVERLAP = 0.3;
    /** Detector score floor: the face is known to be there, the stored box says where. */
    static final float MIN_SCORE = 0.2f;

    /** A track's box at one sampled time. */
    public record StoredBox(long trackId, float[] bbox) {
    }

    private record Candidate(Mat aligned, float quality) {
    }

    private final FaceEngine engine;
    private final float sameFaceSimilarity;
    private final Map<Long, Integer> wanted = new HashMap<>();
    private final Map<Long, List<Candidate>> best = new HashMap<>();

    /** @param sightingsByTrack how many sightings each track has, which decides how many faces it keeps */
    public TemplatesFromFrames(FaceEngine engine, float sameFaceSimilarity, Map<Long, Integer> sightingsByTrack) {
        this.engine = engine;
        this.sameFaceSimilarity = sameFaceSimilarity;
        sightingsByTrack.forEach((track, sightings) ->
                wanted.put(track, FaceTrack.representativesFor(sightings)));
    }

    /** One decoded frame and the stored boxes of the tracks sighted in it. */
    public void accept(Mat frame, List<StoredBox> boxes) {
        List<DetectedFace> faces = engine.detect(frame, MIN_SCORE, StageTimings.NONE);
        for (StoredBox box : boxes) {
            DetectedFace stored = new DetectedFace(box.bbox()[0], box.bbox()[1], box.bbox()[2], box.bbox()[3], 1,
                    null);
            faces.stream()
                    .filter(face -> Boxes.iou(face, stored) >= MIN_OVERLAP)
                    .max(Comparator.comparingDouble(face -> Boxes.iou(face, stored)))
                    .ifPresent(face -> keep(box.trackId(), frame, face));
        }
    }

    private void keep(long trackId, Mat frame, DetectedFace face) {
        Mat aligned = engine.align(frame, face);
        List<Candidate> kept = best.computeIfAbsent(trackId, id -> new ArrayList<>());
        kept.add(new Candidate(aligned, FaceQuality.of(face, aligned)));
        kept.sort(Comparator.comparingDouble(Candidate::quality).reversed());
        while (kept.size() > wanted.getOrDefault(trackId, 1)) {
            kept.removeLast().aligned().close();
        }
    }

    /** The track's template; empty where its face was found in none of the frames. */
    public Optional<TrackTemplate> template(long trackId) {
        List<Candidate> kept = best.getOrDefault(trackId, List.of());
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        List<float[]> embeddings = engine.embedAligned(kept.stream().map(Candidate::aligned).toList(),
                StageTimings.NONE);
        return Optional.of(TrackTemplate.ofAgreeing(embeddings, sameFaceSimilarity));
    }

    @Override
    public void close() {
        best.values().forEach(kept -> kept.forEach(candidate -> candidate.aligned().close()));
        best.clear();
    }
}
