package io.facefleet.worker.jobs;

import io.facefleet.common.LogText;
import io.facefleet.common.image.ImageRejectedException;
import io.facefleet.common.jobs.ReembedVideoHandler;
import io.facefleet.common.jobs.ReembedVideoRequest;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.PackChange;
import io.facefleet.common.store.PackChangeStore;
import io.facefleet.common.store.TrackToReembed;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoSampling;
import io.facefleet.common.store.VideoStore;
import io.facefleet.worker.engine.PackEngines;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.worker.face.StageTimings;
import io.facefleet.worker.tracking.TemplatesFromFrames;
import io.facefleet.worker.tracking.TemplatesFromFrames.StoredBox;
import io.facefleet.worker.tracking.TrackTemplate;
import io.facefleet.worker.video.FrameSampler;
import io.facefleet.worker.video.SamplingPlan;
import io.facefleet.worker.video.UnreadableVideoException;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Re-embeds a video's face tracks with the pack of the change under way: decodes the frames at the tracks' stored
 * sighting times, finds each track's face there again by its stored box and makes its template as processing does
 * ({@link TemplatesFromFrames}). Only tracks without a staged template are done, so a retried job resumes. Where
 * the file cannot be read any more, or the new detector finds a track's face in none of its frames, the track's
 * stored crop is tried (docs/model-pack-change.md says why that is the fallback only).
 */
@Component
public class ReembedVideoJob implements ReembedVideoHandler {

    private static final Logger log = LoggerFactory.getLogger(ReembedVideoJob.class);

    private final PackChangeStore changes;
    private final VideoStore videos;
    private final FaceTrackStore faceTracks;
    private final PackEngines engines;
    private final ImageDecoder decoder;
    private final FrameSampler sampler = new FrameSampler();

    public ReembedVideoJob(PackChangeStore changes, VideoStore videos, FaceTrackStore faceTracks,
                           PackEngines engines, ImageDecoder decoder) {
        this.changes = changes;
        this.videos = videos;
        this.faceTracks = faceTracks;
        this.engines = engines;
        this.decoder = decoder;
    }

    @Override
    public void run(ReembedVideoRequest request) {
        long videoId = request.videoId();
        Optional<PackChange> change = changes.open().filter(open -> open.loadAs().equals(request.pack()));
        Optional<Video> video = videos.find(videoId);
        if (change.isEmpty() || video.isEmpty()) {
            log.info("Re-embedding {}: no longer needed (the change ended or the video is gone)", request);
            return;
        }
        long changeId = change.get().id();
        List<TrackToReembed> tracks = changes.tracksToReembed(changeId, videoId);
        if (tracks.isEmpty()) {
            changes.stageConfirmedFaces(changeId);
            return;
        }
        FaceEngine engine = engines.forPack(change.get().loadAs());
        long started = System.nanoTime();
        Map<Long, Integer> sightings = new HashMap<>();
        TreeMap<Double, List<StoredBox>> boxesByTime = new TreeMap<>();
        for (TrackToReembed track : tracks) {
            sightings.put(track.trackId(), track.sightings().size());
            for (TrackToReembed.Sighting s : track.sightings()) {
                boxesByTime.computeIfAbsent(s.seconds(), t -> new ArrayList<>())
                        .add(new StoredBox(track.trackId(), s.bbox()));
            }
        }
        double interval = videos.sampling(videoId).map(VideoSampling::intervalSeconds).orElse(2.0);
        JobProgress progress = JobProgress.of(this::jobContext, boxesByTime.size() + 1L);
        int fromCrop = 0, lost = 0;
        try (TemplatesFromFrames templates = new TemplatesFromFrames(engine, change.get().matchThreshold(),
                sightings)) {
            decodeAndDetect(Path.of(video.get().path()), interval, boxesByTime, templates, progress);
            for (TrackToReembed track : tracks) {
                Optional<TrackTemplate> template = templates.template(track.trackId());
                if (template.isEmpty()) {
                    template = fromCrop(engine, faceTracks.crop(track.trackId()).orElse(null));
                    fromCrop++;
                }
                if (template.isEmpty()) {
                    lost++;
                }
                changes.stageTrack(changeId, track.trackId(), template.map(TrackTemplate::embedding).orElse(null),
                        template.map(TrackTemplate::embeddedFaces).orElse(null));
            }
        }
        changes.stageConfirmedFaces(changeId);
        progress.set(boxesByTime.size() + 1L);
        log.info("Re-embedded {} tracks of video {} ({}) with {} in {} s: {} from their stored crop, {} not found",
                tracks.size(), videoId, LogText.escaped(video.get().path()), change.get().pack(),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9), fromCrop - lost,
                lost);
    }

    /** Each decoded frame goes with the stored boxes of the time it is nearest (within half an interval). */
    private void decodeAndDetect(Path file, double interval, TreeMap<Double, List<StoredBox>> boxesByTime,
                                 TemplatesFromFrames templates, JobProgress progress) {
        double[] times = boxesByTime.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        TreeMap<Double, List<StoredBox>> waiting = new TreeMap<>(boxesByTime);
        int[] done = {0};
        try {
            sampler.sample(file, SamplingPlan.at(interval, times), frame -> {
                try (frame) {
                    Double time = nearest(waiting, frame.timestampSeconds(), interval / 2);
                    if (time != null) {
                        templates.accept(frame.image(), waiting.remove(time));
                    }
                }
                progress.set(++done[0]);
            });
        } catch (UnreadableVideoException e) {
            log.warn("Re-embedding {}: the video cannot be read ({}); its tracks are re-embedded from their crops",
                    LogText.escaped(file), e.getMessage());
        }
    }

    private static Double nearest(TreeMap<Double, ?> times, double seconds, double within) {
        Double below = times.floorKey(seconds), above = times.ceilingKey(seconds);
        Double nearest = below == null ? above : above == null ? below
                : seconds - below <= above - seconds ? below : above;
        return nearest != null && Math.abs(nearest - seconds) <= within ? nearest : null;
    }

    /** The stored display crop's face: a last resort, see the class comment. */
    private Optional<TrackTemplate> fromCrop(FaceEngine engine, byte[] cropJpeg) {
        if (cropJpeg == null) {
            return Optional.empty();
        }
        try (Mat crop = decoder.decode(cropJpeg)) {
            return engine.mostProminent(crop, StageTimings.NONE).map(face -> new TrackTemplate(face.embedding(), 1));
        } catch (ImageRejectedException e) {
            return Optional.empty();
        }
    }
}
