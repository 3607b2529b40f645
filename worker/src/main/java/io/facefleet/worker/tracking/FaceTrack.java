package io.facefleet.worker.tracking;

import io.facefleet.worker.face.DetectedFace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One face followed across consecutive sampled frames. It keeps every sighting's time and box, the aligned faces of
 * its {@value #REPRESENTATIVES} best sightings (the only ones the recognizer will see unless a link is in doubt),
 * its latest aligned face, and the crop of its best face.
 */
final class FaceTrack implements AutoCloseable {

    static final int REPRESENTATIVES = 3;

    private final List<FaceSighting> sightings = new ArrayList<>();
    private final List<TrackFace> best = new ArrayList<>(REPRESENTATIVES + 1);
    private TrackFace latest;
    private byte[] bestCrop;
    private int frameIndex;

    FaceTrack(TrackFace first, int frameIndex, Crop crop) {
        add(first, frameIndex, crop);
    }

    interface Crop {
        byte[] cut();
    }

    /** Adds the track's next face; the crop is cut only if this face becomes the best one. */
    void add(TrackFace face, int frameIndex, Crop crop) {
        sightings.add(face.sighting);
        this.frameIndex = frameIndex;
        if (best.isEmpty() || face.sighting.quality() > best.getFirst().sighting.quality()) {
            bestCrop = crop.cut();
        }
        TrackFace previous = latest;
        latest = face;
        best.add(face);
        best.sort(Comparator.comparingDouble((TrackFace f) -> f.sighting.quality()).reversed());
        List<TrackFace> dropped = new ArrayList<>();
        while (best.size() > REPRESENTATIVES) {
            dropped.add(best.removeLast());
        }
        for (TrackFace gone : dropped) {
            if (gone != latest) {
                gone.close();
            }
        }
        if (previous != null && !best.contains(previous)) {
            previous.close();
        }
    }

    int lastFrameIndex() {
        return frameIndex;
    }

    FaceSighting last() {
        return sightings.getLast();
    }

    DetectedFace lastFace() {
        return last().face();
    }

    TrackFace latest() {
        return latest;
    }

    /**
     * The faces its template is made of: its best one, and one more for every three sightings up to
     * {@value #REPRESENTATIVES} (a face glimpsed once or twice is not worth three recognizer runs), plus any of its
     * best faces the recognizer has already seen to settle a link, which cost nothing more.
     */
    List<TrackFace> representatives() {
        int wanted = representativesFor(sightings.size());
        List<TrackFace> chosen = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            if (i < wanted || best.get(i).embedded()) {
                chosen.add(best.get(i));
            }
        }
        return chosen;
    }

    /** Its best face, and one more for every three sightings, up to {@value #REPRESENTATIVES}. */
    static int representativesFor(int sightings) {
        return Math.min(REPRESENTATIVES, Math.max(1, (sightings + 2) / 3));
    }

    List<FaceSighting> sightings() {
        return List.copyOf(sightings);
    }

    FaceSighting bestSighting() {
        return best.getFirst().sighting;
    }

    byte[] bestCrop() {
        return bestCrop;
    }

    /** Whether the track has moved from one sighting to another, so that {@link #predicted} knows its motion. */
    boolean moving() {
        return sightings.size() >= 2;
    }

    /** Where the face should be after {@code seconds} more, moving as it moved between its last two sightings. */
    DetectedFace predicted(double atSeconds) {
        DetectedFace last = lastFace();
        if (sightings.size() < 2) {
            return last;
        }
        FaceSighting before = sightings.get(sightings.size() - 2);
        double span = last().timestampSeconds() - before.timestampSeconds();
        if (span <= 0) {
            return last;
        }
        double ahead = (atSeconds - last().timestampSeconds()) / span;
        float dx = (float) (((last.x1() + last.x2()) - (before.face().x1() + before.face().x2())) / 2 * ahead);
        float dy = (float) (((last.y1() + last.y2()) - (before.face().y1() + before.face().y2())) / 2 * ahead);
        return last.shifted(dx, dy);
    }

    @Override
    public void close() {
        best.forEach(TrackFace::close);
        if (latest != null) {
            latest.close();
        }
    }
}
