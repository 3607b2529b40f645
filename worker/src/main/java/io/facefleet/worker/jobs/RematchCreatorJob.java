package io.facefleet.worker.jobs;

import io.facefleet.common.jobs.RematchCreatorHandler;
import io.facefleet.common.jobs.RematchCreatorRequest;
import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.matching.CreatorRematch;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.RecognitionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * After a creator is enrolled: the faces no person has decided on (matched automatically, pending or unmatched)
 * near any of the creator's embeddings (found with the HNSW index, not by comparing every face) are given to the
 * creator where it beats their current match, and their videos are re-tagged, so each face ends with its nearest
 * creator whatever order creators were enrolled and videos processed in. Serialised across the fleet by
 * {@link RematchLock}.
 */
@Component
public class RematchCreatorJob implements RematchCreatorHandler {

    private static final Logger log = LoggerFactory.getLogger(RematchCreatorJob.class);

    private final RematchLock lock;
    private final CreatorStore creators;
    private final ConfigStore configs;
    private final CreatorRematch rematch;
    private final TransactionTemplate transactions;

    public RematchCreatorJob(RematchLock lock, CreatorStore creators, ConfigStore configs, CreatorRematch rematch,
                             TransactionTemplate transactions) {
        this.lock = lock;
        this.creators = creators;
        this.configs = configs;
        this.rematch = rematch;
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
        Integer improved = transactions.execute(tx ->
                rematch.rematch(creatorId, embeddings, config, progress::set).improved().size());
        progress.set(embeddings.size() + 1L);
        return improved == null ? 0 : improved;
    }
}
