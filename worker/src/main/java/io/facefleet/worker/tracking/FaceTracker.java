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
 * track whose last box, or the box its motion predicts, overlaps it most, else to the one whose expected place it
 * lies nearest (within a face width). The recognizer is asked only where the boxes leave doubt — two candidates
 * for one link without a clear overlap, or a scene cut in between (the same place in the next shot is often
 * somebody else) — and a doubtful link is made only if the two faces look alike. A track
 * ends when its face has been absent from more than {@value #MAX_MISSED_FRAMES} sampled frames in a row.
 */
public final class FaceTracker implements AutoCloseable {

    static final double LINK_OVERLAP = 0.3;
    static final double SURE_OVERLAP = 0.5;
    /** A face whose centre lies within this many face widths of where the track's face is expected may be it. */
    static final double NEAR_WIDTHS = 1.0;
    /**
     * The same before the track's motion is known (from one sighting): a walking person's face moves two widths and
     * more between frames sampled 2 s apart.
     */
    static final double FIRST_STEP_WIDTHS = 2.5;
    /** ... and whose width differs from the track's by at most this factor. */
    static final double SIZE_RATIO = 1.5;
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
    private int checkedLinks;
    private int refusedLinks;

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

    /**
     * A possible link.
     *
     * @param overlap  the larger IoU of the face with the track's last box and with the box its motion predicts
     * @param distance the distance of the face's centre from the predicted centre, in face widths
     */
    private record Pair(FaceTrack track, TrackFace face, double overlap, double distance) {

        /** Overlapping boxes first, then the nearest. */
        double affinity() {
            return overlap + Math.max(0, 1 - distance / FIRST_STEP_WIDTHS) * LINK_OVERLAP;
        }
    }

    private Set<TrackFace> link(List<TrackFace> found, double timestampSeconds, Mat frame) {
        List<Pair> pairs = new ArrayList<>();
        for (FaceTrack track : active) {
            DetectedFace predicted = track.predicted(timestampSeconds);
            for (TrackFace face : found) {
                DetectedFace candidate = face.sighting.face();
                double overlap = Math.max(Boxes.iou(track.lastFace(), candidate), Boxes.iou(predicted, candidate));
                double distance = Boxes.centreDistance(predicted, candidate)
                        / Math.max(1, Math.max(predicted.width(), candidate.width()));
                double reach = track.moving() ? NEAR_WIDTHS : FIRST_STEP_WIDTHS;
                boolean near = distance <= reach && Boxes.widthRatio(predicted, candidate) <= SIZE_RATIO;
                if (overlap >= LINK_OVERLAP || near) {
                    pairs.add(new Pair(track, face, overlap, distance));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::affinity).reversed());
        Set<FaceTrack> tracksTaken = new HashSet<>();
        Set<TrackFace> facesTaken = new HashSet<>();
        for (Pair pair : pairs) {
            if (tracksTaken.contains(pair.track()) || facesTaken.contains(pair.face())) {
                continue;
            }
            if (doubtful(pair, pairs)) {
                checkedLinks++;
                if (!looksAlike(pair.track().latest(), pair.face())) {
                    refusedLinks++;
                    continue;
                }
            }
            pair.track().add(pair.face(), frameIndex, crop(frame, pair.face()));
            tracksTaken.add(pair.track());
            facesTaken.add(pair.face());
        }
        return facesTaken;
    }

    /**
     * A link is sure where the boxes overlap well, or where the face is the only one near the track's expected place
     * and the track the only one near the face (a face moving further than its own width between two sampled frames
     * overlaps nothing, but is still the one face there); across a scene cut no link is sure.
     */
    private boolean doubtful(Pair pair, List<Pair> pairs) {
        if (cutSince(pair.track().lastFrameIndex())) {
            return true;
        }
        long rivals = pairs.stream()
                .filter(p -> p != pair && (p.track() == pair.track() || p.face() == pair.face()))
                .count();
        return rivals > 0 && pair.overlap() < SURE_OVERLAP;
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

    /** Links the recognizer was asked about, and those it refused. */
    public String linkCounts() {
        return checkedLinks + " links checked by the recognizer, " + refusedLinks + " refused";
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
