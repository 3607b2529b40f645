package io.facefleet.worker.matching;

import io.facefleet.common.store.CreatorMatch;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.NewDetection;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.worker.face.DetectedFace;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Matches a video face to the creator with the nearest enrolled face (pgvector, HNSW, cosine): matched at or
 * above the auto-tag threshold, pending for review at or above the match threshold, unmatched below. The best
 * candidate is kept even when unmatched, so a later rematch only replaces it with a better one.
 */
@Component
public class FaceMatcher {

    private final CreatorStore creators;

    public FaceMatcher(CreatorStore creators) {
        this.creators = creators;
    }

    public NewDetection match(VideoFace videoFace, RecognitionConfig config) {
        float[] embedding = videoFace.face().embedding();
        Optional<CreatorMatch> best = creators.nearest(embedding);
        DetectedFace d = videoFace.face().detection();
        return new NewDetection(videoFace.timestampSeconds(), embedding, new float[]{d.x1(), d.y1(), d.x2(), d.y2()},
                d.score(), d.landmarks(),
                best.map(CreatorMatch::creatorId).orElse(null),
                best.map(CreatorMatch::similarity).orElse(null),
                best.map(m -> config.statusFor(m.similarity())).orElse(MatchStatus.UNMATCHED),
                videoFace.cropJpeg());
    }
}
