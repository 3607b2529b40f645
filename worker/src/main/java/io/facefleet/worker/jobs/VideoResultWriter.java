package io.facefleet.worker.jobs;

import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchingLock;
import io.facefleet.common.store.NewFaceTrack;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.VideoFacts;
import io.facefleet.common.store.VideoLifecycle;
import io.facefleet.common.store.VideoSampling;
import io.facefleet.common.store.VideoStore;
import io.facefleet.worker.matching.FaceMatcher;
import io.facefleet.worker.video.SamplingReport;
import io.facefleet.worker.video.VideoProbe;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

/**
 * Face tracks → matching → tagging, in one transaction: the video's earlier tracks and automatic tags are replaced, so a
 * retry never duplicates rows, and nothing is written when this run has been superseded by a newer one.
 */
@Component
public class VideoResultWriter {

    private final TransactionTemplate transactions;
    private final MatchingLock matchingLock;
    private final VideoStore videos;
    private final VideoLifecycle lifecycle;
    private final FaceMatcher matcher;
    private final FaceTrackStore faceTracks;
    private final TagStore tags;

    public VideoResultWriter(TransactionTemplate transactions, MatchingLock matchingLock, VideoStore videos,
                             VideoLifecycle lifecycle, FaceMatcher matcher, FaceTrackStore faceTracks, TagStore tags) {
        this.transactions = transactions;
        this.matchingLock = matchingLock;
        this.videos = videos;
        this.lifecycle = lifecycle;
        this.matcher = matcher;
        this.faceTracks = faceTracks;
        this.tags = tags;
    }

    /** Returns false, writing nothing, when another run owns the video now. */
    public boolean store(long videoId, UUID runId, VideoFaceFinder.Result result, RecognitionConfig config) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            matchingLock.shared();
            if (!videos.lockForRun(videoId, runId)) {
                return false;
            }
            List<NewFaceTrack> matched = result.tracks().stream().map(track -> matcher.match(track, config)).toList();
            faceTracks.replace(videoId, matched);
            SamplingReport sampling = result.sampling();
            VideoProbe probe = sampling.probe();
            boolean done = lifecycle.done(videoId, runId,
                    new VideoFacts(probe.durationSeconds(), probe.fps(), probe.width(), probe.height()),
                    new VideoSampling(sampling.intervalSeconds(), sampling.framesSampled(), sampling.framesDecoded(),
                            sampling.keyframeIntervalSeconds(), sampling.partialReason()));
            if (!done) { // the file changed or went missing meanwhile: the next run's results count, not ours
                tx.setRollbackOnly();
                return false;
            }
            tags.refreshTags(videoId);
            return true;
        }));
    }
}
