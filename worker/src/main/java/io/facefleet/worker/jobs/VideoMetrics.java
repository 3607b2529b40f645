package io.facefleet.worker.jobs;

import io.facefleet.worker.face.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What the video jobs did, for GET /actuator/prometheus (docs/monitoring.md): videos processed and failed, frames
 * and faces (counters, so rate() gives them per second) and each stage's seconds per video (histograms). Every
 * series exists from the start, at 0, so a rate is defined before the first video.
 */
@Component
public class VideoMetrics {

    /** A video's stages, as the job log names them. */
    enum VideoStage {
        DECODE("decode"), DETECT("detect"), EMBED("embed"), MATCH_WRITE("match_write");

        final String tag;

        VideoStage(String tag) {
            this.tag = tag;
        }
    }

    private static final Duration[] STAGE_BUCKETS = Arrays.stream(
                    new double[]{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600})
            .mapToObj(seconds -> Duration.ofNanos((long) (seconds * 1e9))).toArray(Duration[]::new);

    private final Counter done;
    private final Counter partial;
    private final Counter unreadable;
    private final Counter error;
    private final Counter framesSampled;
    private final Counter framesDecoded;
    private final Counter faces;
    private final Counter tracks;
    private final Timer[] stages = new Timer[VideoStage.values().length];

    public VideoMetrics(MeterRegistry registry) {
        done = processed(registry, "done");
        partial = processed(registry, "partial");
        unreadable = failed(registry, "unreadable");
        error = failed(registry, "error");
        framesSampled = Counter.builder("facefleet.frames.sampled")
                .description("Frames the sampler took and the detector ran on").register(registry);
        framesDecoded = Counter.builder("facefleet.frames.decoded")
                .description("Frames FFmpeg decoded to find the sampled ones").register(registry);
        faces = Counter.builder("facefleet.faces.detected")
                .description("Faces detected in sampled frames (the sightings of all face tracks)").register(registry);
        tracks = Counter.builder("facefleet.face.tracks")
                .description("Face tracks stored: the faces matched, reviewed and tagged").register(registry);
        for (VideoStage stage : VideoStage.values()) {
            stages[stage.ordinal()] = Timer.builder("facefleet.video.stage")
                    .description("Seconds one video spent in a stage: decode (sampling, decoding, tracking), detect,"
                            + " embed (alignment + recognition), match_write (matching and the write transaction)")
                    .tag("stage", stage.tag).serviceLevelObjectives(STAGE_BUCKETS).register(registry);
        }
    }

    private static Counter processed(MeterRegistry registry, String result) {
        return Counter.builder("facefleet.videos.processed").tag("result", result)
                .description("Videos processed to the end (done) or to where the file broke off (partial)")
                .register(registry);
    }

    private static Counter failed(MeterRegistry registry, String reason) {
        return Counter.builder("facefleet.videos.failed").tag("reason", reason)
                .description("Video runs that failed: a file FFmpeg cannot read (unreadable; not retried) or any"
                        + " other error (error; JobRunr retries it)")
                .register(registry);
    }

    void processed(VideoFaceFinder.Result result, double matchAndWriteSeconds) {
        (result.sampling().partialReason() == null ? done : partial).increment();
        framesSampled.increment(result.sampling().framesSampled());
        framesDecoded.increment(result.sampling().framesDecoded());
        faces.increment(result.facesSeen());
        tracks.increment(result.tracks().size());
        record(VideoStage.DECODE, result.framesSeconds());
        record(VideoStage.DETECT, result.timings().totalMillis(Stage.DETECTION) / 1000);
        record(VideoStage.EMBED, result.timings().totalMillis(Stage.ALIGN_AND_EMBED) / 1000);
        record(VideoStage.MATCH_WRITE, matchAndWriteSeconds);
    }

    void unreadable() {
        unreadable.increment();
    }

    void failed() {
        error.increment();
    }

    private void record(VideoStage stage, double seconds) {
        stages[stage.ordinal()].record((long) (Math.max(0, seconds) * 1e9), TimeUnit.NANOSECONDS);
    }
}
