package io.facefleet.common.store;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.facefleet.common.store.VideoStatus.DONE;
import static io.facefleet.common.store.VideoStatus.FAILED;
import static io.facefleet.common.store.VideoStatus.MISSING;
import static io.facefleet.common.store.VideoStatus.NEW;
import static io.facefleet.common.store.VideoStatus.PROCESSING;
import static io.facefleet.common.store.VideoStatus.QUEUED;

/**
 * A video's states and the only way to change them. Each change names the states it may follow; the store's
 * update matches only rows in one of those, so a change that arrives out of order (a late "queued" after "done",
 * a superseded run's "failed") changes nothing instead of rewinding the video.
 *
 * <pre>
 *  file found ─▶ new ─▶ queued ─▶ processing ─▶ done
 *                 ▲        ▲           │   ▲       │
 *                 │        │           ▼   │       │
 *                 │        └──────── failed ◀──────┘ (reprocess: done/failed ─▶ queued; JobRunr retry ─▶ processing)
 *  file changed or back ─┘             any ─▶ missing (file gone)
 * </pre>
 */
@Component
public class VideoLifecycle {

    static final Map<VideoStatus, Set<VideoStatus>> ALLOWED_FROM = Map.of(
            NEW, EnumSet.allOf(VideoStatus.class),
            QUEUED, EnumSet.of(NEW, QUEUED, DONE, FAILED),
            // A retry after a worker died finds the video still processing; a stale job may find it done.
            PROCESSING, EnumSet.of(NEW, QUEUED, PROCESSING, DONE, FAILED),
            DONE, EnumSet.of(PROCESSING),
            FAILED, EnumSet.of(PROCESSING),
            MISSING, EnumSet.complementOf(EnumSet.of(MISSING)));

    private final VideoStore videos;

    public VideoLifecycle(VideoStore videos) {
        this.videos = videos;
    }

    public static boolean allowed(VideoStatus from, VideoStatus to) {
        return ALLOWED_FROM.get(to).contains(from);
    }

    /**
     * A file seen in the library. A new file, one whose size or modification time changed, or one that was
     * missing becomes {@code new} (to be queued); an unchanged one is returned as it is.
     */
    public Video found(String path, long sizeBytes, Instant mtime) {
        return videos.register(path, sizeBytes, mtime);
    }

    /** Handed to the workers; false when the video is processing (its job is already running) or missing. */
    public boolean queued(long videoId) {
        return videos.changeStatus(videoId, QUEUED, ALLOWED_FROM.get(QUEUED));
    }

    /**
     * Claims the video for a new processing run; results of any earlier run will no longer be accepted. Empty when
     * the video is gone or missing from the library.
     */
    public Optional<UUID> processing(long videoId) {
        return videos.startRun(videoId, ALLOWED_FROM.get(PROCESSING));
    }

    /**
     * The run's results are stored. Call inside the transaction that holds {@link VideoStore#lockForRun}; false
     * when another run owns the video now.
     */
    public boolean done(long videoId, UUID runId, VideoFacts facts, VideoSampling sampling) {
        return videos.markDone(videoId, runId, facts, sampling, ALLOWED_FROM.get(DONE));
    }

    /** False when a newer run has taken the video over, which keeps its own status. */
    public boolean failed(long videoId, UUID runId, String reason) {
        return videos.markFailed(videoId, runId, reason, ALLOWED_FROM.get(FAILED));
    }

    /** The videos under a library root whose files are gone; returns how many became missing. */
    public int missing(String root, Set<String> presentPaths) {
        return videos.markMissing(root, presentPaths, ALLOWED_FROM.get(MISSING));
    }
}
