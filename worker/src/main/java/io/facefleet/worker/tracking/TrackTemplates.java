package io.facefleet.worker.tracking;

import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns ended tracks into {@link VideoFaceTrack}s: runs the recognizer on each track's best few faces (those the
 * tracker has not embedded already), several tracks in one batch, and averages the embeddings that agree with the
 * best face's. A representative that does not agree is another person the boxes could not tell apart; it is left
 * out of the template rather than blurring it.
 */
public final class TrackTemplates implements Consumer<FaceTrack>, AutoCloseable {

    static final int BATCH = 32;

    private final Function<List<Mat>, List<float[]>> recognizer;
    private final float sameFaceSimilarity;
    private final Consumer<VideoFaceTrack> done;
    private final List<FaceTrack> waiting = new ArrayList<>();
    private int facesWaiting;
    private int recognizerRuns;
    private int disagreeing;

    /**
     * @param recognizer embeddings of aligned faces, in order, batched where the model allows
     * @param done       receives each finished track
     */
    public TrackTemplates(Function<List<Mat>, List<float[]>> recognizer, float sameFaceSimilarity,
                          Consumer<VideoFaceTrack> done) {
        this.recognizer = recognizer;
        this.sameFaceSimilarity = sameFaceSimilarity;
        this.done = done;
    }

    @Override
    public void accept(FaceTrack track) {
        waiting.add(track);
        facesWaiting += (int) track.representatives().stream().filter(face -> !face.embedded()).count();
        if (facesWaiting >= BATCH) {
            flush();
        }
    }

    /** Embeds and hands on every track still waiting. */
    public void flush() {
        List<TrackFace> toEmbed = new ArrayList<>();
        for (FaceTrack track : waiting) {
            track.representatives().stream().filter(face -> !face.embedded()).forEach(toEmbed::add);
        }
        List<float[]> embeddings = recognizer.apply(toEmbed.stream().map(TrackFace::aligned).toList());
        for (int i = 0; i < toEmbed.size(); i++) {
            toEmbed.get(i).embedding = embeddings.get(i);
        }
        recognizerRuns += toEmbed.size();
        for (FaceTrack track : waiting) {
            try (track) {
                done.accept(finished(track));
            }
        }
        waiting.clear();
        facesWaiting = 0;
    }

    private VideoFaceTrack finished(FaceTrack track) {
        List<TrackFace> representatives = track.representatives();
        TrackTemplate template = TrackTemplate.ofAgreeing(
                representatives.stream().map(face -> face.embedding).toList(), sameFaceSimilarity);
        disagreeing += representatives.size() - template.embeddedFaces();
        return new VideoFaceTrack(track.sightings(), track.bestSighting(), track.bestCrop(), template.embedding(),
                template.embeddedFaces());
    }

    public int recognizerRuns() {
        return recognizerRuns;
    }

    /** Representatives left out of their track's template because they looked like somebody else. */
    public int disagreeing() {
        return disagreeing;
    }

    @Override
    public void close() {
        waiting.forEach(FaceTrack::close);
        waiting.clear();
    }
}
