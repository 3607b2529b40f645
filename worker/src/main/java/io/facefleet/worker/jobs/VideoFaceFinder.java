package io.facefleet.worker.jobs;

import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.worker.face.Face;
import io.facefleet.worker.face.FaceCrops;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.Stage;
import io.facefleet.worker.face.StageTimings;
import io.facefleet.worker.matching.VideoFace;
import io.facefleet.worker.video.FrameSampler;
import io.facefleet.worker.video.SampledFrame;
import io.facefleet.worker.video.VideoProbe;
import org.bytedeco.opencv.opencv_core.Mat;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Video → frames → faces: samples the configured number of frames and finds every face in them, embedding the
 * faces of several frames in one batch. At most {@value #FRAMES_PER_BATCH} decoded frames are held at once.
 */
@Component
public class VideoFaceFinder {

    static final int FRAMES_PER_BATCH = 8;

    /**
     * @param seconds  the whole search
     * @param timings  the face engine's share of it, by stage; the rest is decoding frames and cutting crops
     */
    public record Result(VideoProbe probe, List<VideoFace> faces, int framesSampled, double seconds,
                         StageTimings timings) {

        public double framesSeconds() {
            return seconds - (timings.totalMillis(Stage.DETECTION) + timings.totalMillis(Stage.ALIGN_AND_EMBED)) / 1000;
        }
    }

    private final FaceEngine engine;
    private final FrameSampler sampler = new FrameSampler();

    public VideoFaceFinder(FaceEngine engine) {
        this.engine = engine;
    }

    public Result find(Path video, RecognitionConfig config, IntConsumer framesDone) {
        long started = System.nanoTime();
        StageTimings timings = new StageTimings();
        List<VideoFace> faces = new ArrayList<>();
        List<SampledFrame> batch = new ArrayList<>(FRAMES_PER_BATCH);
        int[] sampled = {0};
        try {
            VideoProbe probe = sampler.sample(video, config.framesPerVideo(), frame -> {
                batch.add(frame);
                sampled[0]++;
                if (batch.size() == FRAMES_PER_BATCH) {
                    analyze(batch, config, faces, timings);
                    framesDone.accept(sampled[0]);
                }
            });
            analyze(batch, config, faces, timings);
            framesDone.accept(sampled[0]);
            return new Result(probe, faces, sampled[0], (System.nanoTime() - started) / 1e9, timings);
        } finally {
            batch.forEach(SampledFrame::close);
        }
    }

    private void analyze(List<SampledFrame> batch, RecognitionConfig config, List<VideoFace> faces,
                         StageTimings timings) {
        if (batch.isEmpty()) {
            return;
        }
        List<Mat> images = batch.stream().map(SampledFrame::image).toList();
        List<List<Face>> found = engine.analyzeAll(images, face ->
                face.score() >= config.minDetScore() && face.width() >= config.minFaceSize(), timings);
        for (int i = 0; i < batch.size(); i++) {
            for (Face face : found.get(i)) {
                faces.add(new VideoFace(batch.get(i).timestampSeconds(), face,
                        FaceCrops.jpeg(images.get(i), face.detection())));
            }
        }
        batch.forEach(SampledFrame::close);
        batch.clear();
    }
}
