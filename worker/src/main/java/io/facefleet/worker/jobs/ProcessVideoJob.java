package io.facefleet.worker.jobs;

import io.facefleet.common.LogText;
import io.facefleet.common.jobs.ClusteringQueue;
import io.facefleet.common.jobs.ProcessVideoHandler;
import io.facefleet.common.jobs.ProcessVideoRequest;
import io.facefleet.common.jobs.ReembedQueue;
import io.facefleet.common.jobs.UnprocessableInputException;
import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoLifecycle;
import io.facefleet.common.store.VideoStore;
import io.facefleet.worker.face.Stage;
import io.facefleet.worker.video.SamplingPlan;
import io.facefleet.worker.video.SamplingReport;
import io.facefleet.worker.video.UnreadableVideoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Library → video → frames → faces → matching → tagging for one video. A file FFmpeg cannot read fails at once
 * with the reason (the video is marked failed and can be retried later); other errors are retried by JobRunr.
 */
@Component
public class ProcessVideoJob implements ProcessVideoHandler {

    private static final Logger log = LoggerFactory.getLogger(ProcessVideoJob.class);

    private final VideoStore videos;
    private final VideoLifecycle lifecycle;
    private final ConfigStore configs;
    private final VideoFaceFinder finder;
    private final VideoResultWriter writer;
    private final VideoMetrics metrics;
    private final ClusteringQueue clustering;
    private final ActivePackCheck activePack;
    private final ReembedQueue reembedding;

    public ProcessVideoJob(VideoStore videos, VideoLifecycle lifecycle, ConfigStore configs, VideoFaceFinder finder,
                           VideoResultWriter writer, VideoMetrics metrics, ClusteringQueue clustering,
                           ActivePackCheck activePack, ReembedQueue reembedding) {
        this.activePack = activePack;
        this.reembedding = reembedding;
        this.videos = videos;
        this.lifecycle = lifecycle;
        this.configs = configs;
        this.finder = finder;
        this.writer = writer;
        this.metrics = metrics;
        this.clustering = clustering;
    }

    @Override
    public void run(ProcessVideoRequest request) {
        long videoId = request.videoId();
        Optional<Video> video = videos.find(videoId);
        if (video.isEmpty()) {
            log.info("Video {} was deleted before it was processed", videoId);
            return;
        }
        activePack.check();
        RecognitionConfig config = configs.get();
        Optional<UUID> run = lifecycle.processing(videoId);
        if (run.isEmpty()) {
            log.info("Video {} ({}) is missing from the library: not processed", videoId,
                    LogText.escaped(video.get().path()));
            return;
        }
        UUID runId = run.get();
        JobProgress progress = JobProgress.of(this::jobContext, plannedFrames(video.get(), config));
        try {
            VideoFaceFinder.Result result = finder.find(Path.of(video.get().path()), config, progress::set);
            long storing = System.nanoTime();
            if (!writer.store(videoId, runId, result, config)) {
                log.warn("Video {}: run {} was superseded by a newer run; its results were dropped", videoId, runId);
                return;
            }
            double storeSeconds = (System.nanoTime() - storing) / 1e9;
            clustering.now(videoId); // a job of its own: a failure there retries only it
            reembedding.videoIfChanging(videoId); // its new tracks need the new pack's templates before a switch
            metrics.processed(result, storeSeconds);
            SamplingReport sampling = result.sampling();
            log.info(String.format(Locale.ROOT, "Video %d (%s): %d faces in %d tracks (%s), %d recognizer runs; %d frames"
                            + " sampled of %d decoded (%s, every %.2f s, keyframe every %s s)%s; frames %.2f s"
                            + " (sampler CPU %.2f s), detection %.2f s, alignment+recognition %.2f s,"
                            + " matching and storing %.2f s", videoId, LogText.escaped(video.get().path()), result.facesSeen(),
                    result.tracks().size(), result.trackingNotes(), result.recognizerRuns(), sampling.framesSampled(),
                    sampling.framesDecoded(), sampling.mode(), sampling.intervalSeconds(),
                    sampling.keyframeIntervalSeconds() == null ? "?"
                            : String.format(Locale.ROOT, "%.1f", sampling.keyframeIntervalSeconds()),
                    sampling.partialReason() == null ? "" : "; PARTIAL: " + sampling.partialReason(),
                    result.framesSeconds(), sampling.cpuSeconds(), result.timings().totalMillis(Stage.DETECTION) / 1000,
                    result.timings().totalMillis(Stage.ALIGN_AND_EMBED) / 1000, storeSeconds));
        } catch (UnreadableVideoException e) {
            metrics.unreadable();
            lifecycle.failed(videoId, runId, e.getMessage());
            throw new UnprocessableInputException(e.getMessage(), e);
        } catch (RuntimeException e) {
            metrics.failed();
            lifecycle.failed(videoId, runId, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    /** The frames the video will be sampled at, for the progress bar; the floor when its length is not known yet. */
    private static long plannedFrames(Video video, RecognitionConfig config) {
        if (video.durationSeconds() == null) {
            return config.minFramesPerVideo();
        }
        return SamplingPlan.of(video.durationSeconds(), VideoFaceFinder.sampling(config)).size();
    }
}
