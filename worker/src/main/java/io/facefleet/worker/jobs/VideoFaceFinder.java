package io.facefleet.worker.jobs;

import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.worker.face.DetectedFace;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.Stage;
import io.facefleet.worker.face.StageTimings;
import io.facefleet.worker.tracking.FaceTracker;
import io.facefleet.worker.tracking.TrackTemplates;
import io.facefleet.worker.tracking.VideoFaceTrack;
import io.facefleet.worker.video.FrameSampler;
import io.facefleet.worker.video.SamplingReport;
import io.facefleet.worker.video.SamplingSettings;
import io.facefleet.worker.video.VideoProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Video → frames → faces → tracks: samples a frame every interval, detects the faces of each, follows them across
 * frames ({@link FaceTracker}) and runs the recognizer on each track's best few faces only ({@link TrackTemplates}).
 * One decoded frame is held at a time.
 */
@Component
public class VideoFaceFinder {

    /**
     * @param sampling       what the sampler decoded and took, and whether it read the whole file
     * @param facesSeen      faces detected in all sampled frames (the sightings of all tracks)
     * @param recognizerRuns faces the recognizer ran on
     * @param trackingNotes  the links the recognizer was asked about and the scene cuts, for the log
     * @param seconds        the whole search
     * @param timings        the face engine's share of it, by stage
     */
    public record Result(SamplingReport sampling, List<VideoFaceTrack> tracks, int facesSeen, int recognizerRuns,
                         String trackingNotes, double seconds, StageTimings timings) {

        public VideoProbe probe() {
            return sampling.probe();
        }

        public int framesSampled() {
            return sampling.framesSampled();
        }

        /** Decoding and everything else outside the face engine. */
        public double framesSeconds() {
            return seconds - (timings.totalMillis(Stage.DETECTION) + timings.totalMillis(Stage.ALIGN_AND_EMBED)) / 1000;
        }
    }

    private final FaceEngine engine;
    private final FrameSampler sampler;

    public VideoFaceFinder(FaceEngine engine) {
        this(engine, 1);
    }

    /**
     * @param decoderThreads FFmpeg frame threads per video: a job's share of the cores, idle while it decodes (its
     *                       model threads wait for the frames)
     */
    @Autowired
    public VideoFaceFinder(FaceEngine engine, @Value("${facefleet.video.decoder-threads:1}") int decoderThreads) {
        this.engine = engine;
        this.sampler = new FrameSampler(decoderThreads);
    }

    public static SamplingSettings sampling(RecognitionConfig config) {
        return new SamplingSettings(config.sampleIntervalSeconds(), config.minFramesPerVideo(),
                config.maxFramesPerVideo());
    }

    public Result find(Path video, RecognitionConfig config, IntConsumer framesDone) {
        long started = System.nanoTime();
        StageTimings timings = new StageTimings();
        List<VideoFaceTrack> tracks = new ArrayList<>();
        SamplingSettings settings = sampling(config);
        float sameFace = config.matchThreshold();
        try (TrackTemplates templates = new TrackTemplates(faces -> engine.embedAligned(faces, timings), sameFace,
                tracks::add);
             FaceTracker tracker = new FaceTracker(settings.intervalSeconds(), sameFace, engine::align,
                     face -> engine.embedAligned(List.of(face), timings).getFirst(), templates)) {
            int[] sampled = {0};
            SamplingReport report = sampler.sample(video, settings, frame -> {
                try (frame) {
                    List<DetectedFace> faces = engine.detect(frame.image(), timings).stream()
                            .filter(face -> face.score() >= config.minDetScore() && face.width() >= config.minFaceSize())
                            .toList();
                    tracker.accept(frame.timestampSeconds(), frame.image(), faces);
                }
                framesDone.accept(++sampled[0]);
            });
            tracker.finish();
            templates.flush();
            tracks.sort(java.util.Comparator.comparingDouble(VideoFaceTrack::firstSeconds));
            return new Result(report, List.copyOf(tracks), tracker.sightings(),
                    tracker.recognizerRuns() + templates.recognizerRuns(),
                    tracker.linkCounts() + ", " + tracker.sceneCuts() + " scene cuts", (System.nanoTime() - started) / 1e9,
                    timings);
        }
    }
}
