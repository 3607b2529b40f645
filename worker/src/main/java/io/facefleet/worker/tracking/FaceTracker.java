package io.facefleet.worker.tracking;

import io.facefleet.worker.face.DetectedFace;
import io.facefleet.worker.face.Embeddings;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Links the faces of consecutive sampled frames into tracks, by box overlap and motion first: a face links to the
 * track whose last box, or the box its motion predicts, overlaps it most. The recognizer is asked only where the
 * boxes leave doubt — a weak overlap, two candidates for one link, or a scene cut in between (the same place in
 * the next shot is often somebody else) — and a doubtful link is made only if the two faces look alike. A track
 * ends when its face has been absent from more than {@value #MAX_MISSED_FRAMES} sampled frames in a row.
 */
public final class FaceTracker implements AutoCloseable {

    static final double LINK_OVERLAP = 0.3;
    static final double SURE_OVERLAP = 0.5;
    static final int MAX_MISSED_FRAMES = 2;

    private final double intervalSeconds;
    private final float sameFaceSimilarity;
    private final BiFunction<Mat, DetectedFace, Mat> aligner;
    private final Function<Mat, float[]> recognizer;
    private final Consumer<FaceTrack> finished;
    private final List<FaceTrack> active = new ArrayList<>();
    private final List<Integer> cutFrames = new ArrayList<>();
    private Mat previousHistogram;
    private int frameIndex = -1;
    private int recognizerRuns;
    private int sightings;

    /**
     * @param sameFaceSimilarity two faces at least this similar are taken for one person where the boxes leave doubt
     * @param aligner            the face aligned for the recognizer (a new Mat the tracker closes)
     * @param recognizer         the embedding of one aligned face
     * @param finished           receives each track as it ends, and closes it
     */
    public FaceTracker(double intervalSeconds, float sameFaceSimilarity, BiFunction<Mat, DetectedFace, Mat> aligner,
                       Function<Mat, float[]> recognizer, Consumer<FaceTrack> finished) {
        this.intervalSeconds = intervalSeconds;
        this.sameFaceSimilarity = sameFaceSimilarity;
        this.aligner = aligner;
        this.recognizer = recognizer;
        this.finished = finished;
    }

    /** The faces of the next sampled frame, in time order. */
    public void accept(double timestampSeconds, Mat frame, List<DetectedFace> faces) {
        frameIndex++;
        noteSceneCut(frame);
        endTracksMissingSince(frameIndex - MAX_MISSED_FRAMES - 1, timestampSeconds);
        List<TrackFace> found = new ArrayList<>(faces.size());
        for (DetectedFace face : faces) {
            Mat aligned = aligner.apply(frame, face);
            found.add(new TrackFace(new FaceSighting(timestampSeconds, face, FaceQuality.of(face, aligned)), aligned));
        }
        sightings += found.size();
        Set<TrackFace> linked = link(found, timestampSeconds, frame);
        for (TrackFace face : found) {
            if (!linked.contains(face)) {
                active.add(new FaceTrack(face, frameIndex, crop(frame, face)));
            }
        }
    }

    private record Pair(FaceTrack track, TrackFace face, double overlap) {
    }

    private Set<TrackFace> link(List<TrackFace> found, double timestampSeconds, Mat frame) {
        List<Pair> pairs = new ArrayList<>();
        for (FaceTrack track : active) {
            DetectedFace predicted = track.predicted(timestampSeconds);
            for (TrackFace face : found) {
                double overlap = Math.max(Boxes.iou(track.lastFace(), face.sighting.face()),
                        Boxes.iou(predicted, face.sighting.face()));
                if (overlap >= LINK_OVERLAP) {
                    pairs.add(new Pair(track, face, overlap));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::overlap).reversed());
        Set<FaceTrack> tracksTaken = new HashSet<>();
        Set<TrackFace> facesTaken = new HashSet<>();
        for (Pair pair : pairs) {
            if (tracksTaken.contains(pair.track()) || facesTaken.contains(pair.face())) {
                continue;
            }
            if (doubtful(pair, pairs) && !looksAlike(pair.track().latest(), pair.face())) {
                continue;
            }
            pair.track().add(pair.face(), frameIndex, crop(frame, pair.face()));
            tracksTaken.add(pair.track());
            facesTaken.add(pair.face());
        }
        return facesTaken;
    }

    private boolean doubtful(Pair pair, List<Pair> pairs) {
        if (pair.overlap() < SURE_OVERLAP || cutSince(pair.track().lastFrameIndex())) {
            return true;
        }
        long rivals = pairs.stream()
                .filter(p -> p != pair && (p.track() == pair.track() || p.face() == pair.face()))
                .count();
        return rivals > 0;
    }

    private boolean looksAlike(TrackFace a, TrackFace b) {
        return Embeddings.cosine(embedding(a), embedding(b)) >= sameFaceSimilarity;
    }

    private float[] embedding(TrackFace face) {
        if (!face.embedded()) {
            face.embedding = recognizer.apply(face.aligned());
            recognizerRuns++;
        }
        return face.embedding;
    }

    private static FaceTrack.Crop crop(Mat frame, TrackFace face) {
        return () -> io.facefleet.worker.face.FaceCrops.jpeg(frame, face.sighting.face());
    }

    private void noteSceneCut(Mat frame) {
        Mat histogram = SceneChange.histogram(frame);
        if (previousHistogram != null) {
            if (SceneChange.isCut(previousHistogram, histogram)) {
                cutFrames.add(frameIndex);
            }
            previousHistogram.close();
        }
        previousHistogram = histogram;
    }

    private boolean cutSince(int lastFrameIndex) {
        for (int i = cutFrames.size() - 1; i >= 0 && cutFrames.get(i) > lastFrameIndex; i--) {
            if (cutFrames.get(i) <= frameIndex) {
                return true;
            }
        }
        return false;
    }

    private void endTracksMissingSince(int lastAllowedFrame, double timestampSeconds) {
        List<FaceTrack> ended = active.stream()
                .filter(t -> t.lastFrameIndex() < lastAllowedFrame
                        || timestampSeconds - t.last().timestampSeconds() > (MAX_MISSED_FRAMES + 1.5) * intervalSeconds)
                .toList();
        active.removeAll(ended);
        ended.forEach(finished);
    }

    /** Ends every track still open: the video is over. */
    public void finish() {
        List<FaceTrack> ended = List.copyOf(active);
        active.clear();
        ended.forEach(finished);
    }

    /** Recognizer runs the tracker made to settle doubtful links. */
    public int recognizerRuns() {
        return recognizerRuns;
    }

    public int sightings() {
        return sightings;
    }

    public int sceneCuts() {
        return cutFrames.size();
    }

    @Override
    public void close() {
        active.forEach(FaceTrack::close);
        active.clear();
        if (previousHistogram != null) {
            previousHistogram.close();
            previousHistogram = null;
        }
    }
}
