package io.facefleet.scheduler.creator;

import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.MatchingLock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Renaming and deleting creators. */
@Service
class CreatorEdits {

    private final JdbcClient jdbc;
    private final CreatorStore creators;
    private final MatchingLock matchingLock;

    CreatorEdits(JdbcClient jdbc, CreatorStore creators, MatchingLock matchingLock) {
        this.jdbc = jdbc;
        this.creators = creators;
        this.matchingLock = matchingLock;
    }

    @Transactional
    void rename(long id, String name) {
        try {
            int updated = jdbc.sql("UPDATE creators SET name = ? WHERE id = ?").params(name, id).update();
            if (updated == 0) {
                throw CreatorQueries.noSuchCreator(id);
            }
        } catch (DuplicateKeyException e) {
            throw CreatorNames.taken(name);
        }
    }

    /**
     * Deletes the creator with their photos, embeddings, rejections and tags (the schema cascades). Their faces
     * become unmatched rather than keep a status that names nobody; a rematch of another creator may claim them.
     * The matching lock keeps a worker from matching a face to the creator while they go.
     */
    @Transactional
    void delete(long id) {
        matchingLock.exclusive();
        jdbc.sql("""
                        UPDATE video_face_detections SET match_status = 'unmatched', matched_creator_id = NULL,
                          match_confidence = NULL
                        WHERE matched_creator_id = ?""")
                .param(id).update();
        if (!creators.delete(id)) {
            throw CreatorQueries.noSuchCreator(id);
        }
    }
}
