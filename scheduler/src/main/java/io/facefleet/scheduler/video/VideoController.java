package io.facefleet.scheduler.video;

import io.facefleet.common.jobs.VideoQueue;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.common.store.VideoStore;
import io.facefleet.common.store.read.VideoDetail;
import io.facefleet.common.store.read.VideoFilter;
import io.facefleet.common.store.read.VideoQueries;
import io.facefleet.common.store.read.VideoSummary;
import io.facefleet.common.store.read.VideoTimeline;
import io.facefleet.common.store.read.VideoTimelineQueries;
import io.facefleet.common.store.read.Page;
import io.facefleet.common.store.read.PageRequest;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.api.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

@RestController
@RequestMapping("/api/videos")
class VideoController {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    record Queued(long videoId, UUID jobId) {
    }

    record Retried(int count) {
    }

    private final VideoQueries queries;
    private final VideoTimelineQueries timelines;
    private final VideoStore videos;
    private final VideoQueue queue;

    VideoController(VideoQueries queries, VideoTimelineQueries timelines, VideoStore videos, VideoQueue queue) {
        this.queries = queries;
        this.timelines = timelines;
        this.videos = videos;
        this.queue = queue;
    }

    static ApiException noSuchVideo(long id) {
        return ApiException.notFound("No video with id " + id);
    }

    /** Videos by path, with their tags; {@code pending=true} keeps those with faces waiting for review. */
    @GetMapping
    Page<VideoSummary> list(@RequestParam(required = false) String status,
                            @RequestParam(required = false) Long creator,
                            @RequestParam(defaultValue = "false") boolean pending,
                            @RequestParam(required = false) Integer limit,
                            @RequestParam(required = false) Integer offset) {
        PageRequest page = Paging.page(limit, offset, DEFAULT_PAGE, MAX_PAGE);
        return queries.list(new VideoFilter(status(status), creator, pending), page);
    }

    @GetMapping("/{id}")
    VideoDetail get(@PathVariable long id) {
        return queries.detail(id).orElseThrow(() -> noSuchVideo(id));
    }

    /** Who is on screen when: each named creator's intervals, and the face tracks nobody is named for yet. */
    @GetMapping("/{id}/timeline")
    VideoTimeline timeline(@PathVariable long id) {
        return timelines.timeline(id).orElseThrow(() -> noSuchVideo(id));
    }

    /** Processes the video again, whatever its state: a new job, the video queued. */
    @PostMapping("/{id}/reprocess")
    Queued reprocess(@PathVariable long id) {
        Video video = videos.find(id).orElseThrow(() -> noSuchVideo(id));
        if (video.status() == VideoStatus.MISSING) {
            throw ApiException.conflict("The file of video " + id + " is missing: " + video.path());
        }
        return new Queued(id, queue.reprocess(video));
    }

    /** Every failed video queued again. */
    @PostMapping("/retry-failed")
    Retried retryFailed() {
        List<Video> failed = videos.all().stream().filter(v -> v.status() == VideoStatus.FAILED).toList();
        failed.forEach(queue::reprocess);
        return new Retried(failed.size());
    }

    private static VideoStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return VideoStatus.fromDb(status.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'status' must be one of " + Arrays.stream(VideoStatus.values())
                    .map(VideoStatus::db).collect(Collectors.joining(", ")) + ", not '" + status + "'");
        }
    }
}
