package io.facefleet.worker.jobs;

import io.facefleet.common.jobs.RematchCreatorHandler;
import io.facefleet.common.jobs.RematchCreatorRequest;
import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.DetectionCandidate;
import io.facefleet.common.store.DetectionStore;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.common.store.TagStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After a creator is enrolled: the faces no person has decided on (matched automatically, pending or unmatched)
 * near any of the creator's embeddings (found with the HNSW index, not by comparing every face) are given to the
 * creator where it beats their current match, and their videos are re-tagged, so each face ends with its nearest
 * creator whatever order creators were enrolled and videos processed in. Serialised across the fleet by
 * {@link RematchLock}.
 */
@Component
public class RematchCreatorJob implements RematchCreatorHandler {

    static final int CANDIDATES_PER_EMBEDDING = 10_000;
    private static final Logger log = LoggerFactory.getLogger(RematchCreatorJob.class);

    private final RematchLock lock;
    private final CreatorStore creators;
    private final ConfigStore configs;
    private final DetectionStore detections;
    private final TagStore tags;
    private final TransactionTemplate transactions;

    public RematchCreatorJob(RematchLock lock, CreatorStore creators, ConfigStore configs, DetectionStore detections,
                             TagStore tags, TransactionTemplate transactions) {
        this.lock = lock;
        this.creators = creators;
        this.configs = configs;
        this.detections = detections;
        this.tags = tags;
        this.transactions = transactions;
    }

    @Override
    public void run(RematchCreatorRequest request) {
        long creatorId = request.creatorId();
        int improved = lock.run("Rematch for creator " + creatorId, () -> rematch(creatorId));
        log.info("Rematch for creator {}: {} faces now point at them", creatorId, improved);
    }

    private int rematch(long creatorId) {
        if (creators.find(creatorId).isEmpty()) {
            return 0;
        }
        RecognitionConfig config = configs.get();
        List<float[]> embeddings = creators.embeddings(creatorId);
        JobProgress progress = JobProgress.of(this::jobContext, embeddings.size() + 1L);
        Integer improved = transactions.execute(tx -> {
            Map<Long, DetectionCandidate> best = new HashMap<>();
            for (int i = 0; i < embeddings.size(); i++) {
                for (DetectionCandidate c : detections.undecidedNear(embeddings.get(i), 1 - config.matchThreshold(),
                        creatorId, CANDIDATES_PER_EMBEDDING)) {
                    best.merge(c.detectionId(), c, (a, b) -> a.similarity() >= b.similarity() ? a : b);
                }
                progress.set(i + 1);
            }
            Set<Long> videos = new HashSet<>();
            int count = 0;
            for (DetectionCandidate c : best.values()) {
                if (detections.improveMatch(c.detectionId(), creatorId, c.similarity(), config.statusFor(c.similarity()))) {
                    videos.add(c.videoId());
                    count++;
                }
            }
            tags.refreshAutoTags(videos);
            return count;
        });
        progress.set(embeddings.size() + 1L);
        return improved == null ? 0 : improved;
    }
}
