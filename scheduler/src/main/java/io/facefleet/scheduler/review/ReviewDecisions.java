package io.facefleet.scheduler.review;

import com.pgvector.PGvector;
import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.MatchingLock;
import io.facefleet.common.store.TagStore;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.db.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;
import java.util.UUID;

/**
 * A reviewer's say on a face. Confirming (or assigning) makes the face evidence for its video's tags and adds it
 * to the creator's enrolled faces. Rejecting rules the creator out for that face for good; the face then waits
 * for its next-best candidate if one is at or above match_threshold, else becomes unmatched, not rejected: a
 * creator enrolled later may still claim it, which a rejected face would hide from the workers' rematch.
 *
 * <p>Locks are taken in the order the workers take them (matching lock, video, face), so the two never deadlock.
 */
@Service
class ReviewDecisions {

    static final String CONFIRMED_SOURCE = "confirmed_detection";

    private record Face(long id, long videoId, String videoPath, String matchStatus, Long creatorId, Float confidence,
                        float[] embedding, float[] bbox, float detScore) {
    }

    private final JdbcClient jdbc;
    private final CreatorStore creators;
    private final TagStore tags;
    private final ConfigStore config;
    private final MatchingLock matchingLock;
    private final CandidateSearch candidates;
    private final RematchQueue rematches;

    ReviewDecisions(JdbcClient jdbc, CreatorStore creators, TagStore tags, ConfigStore config,
                    MatchingLock matchingLock, CandidateSearch candidates, RematchQueue rematches) {
        this.jdbc = jdbc;
        this.creators = creators;
        this.tags = tags;
        this.config = config;
        this.matchingLock = matchingLock;
        this.candidates = candidates;
        this.rematches = rematches;
    }

    /** The face is who it was matched to, or {@code creatorId} when given. */
    @Transactional
    public Decision confirm(long detectionId, Long creatorId) {
        matchingLock.exclusive(); // the face joins the creator's embeddings
        Face face = lock(detectionId);
        long creator = Optional.ofNullable(creatorId).or(() -> Optional.ofNullable(face.creatorId()))
                .orElseThrow(() -> ApiException.conflict("Face " + detectionId + " has no candidate to confirm:"
                        + " assign it to a creator (POST /api/review/" + detectionId + "/assign)"));
        if (creators.find(creator).isEmpty()) {
            throw ApiException.notFound("No creator with id " + creator);
        }
        Float similarity = similarity(detectionId, creator);
        if (similarity == null && face.creatorId() != null && face.creatorId() == creator) {
            similarity = face.confidence();
        }
        jdbc.sql("DELETE FROM detection_rejections WHERE detection_id = ? AND creator_id = ?")
                .params(detectionId, creator).update();
        setMatch(detectionId, MatchStatus.CONFIRMED, creator, similarity);
        forgetConfirmedFace(detectionId);
        long embedding = creators.addEmbedding(creator, face.embedding(), CONFIRMED_SOURCE, face.videoPath(), null,
                detectionId, face.bbox(), face.detScore());
        copyCrop(detectionId, embedding);
        tags.refreshAutoTags(face.videoId());
        UUID rematch = rematches.soon(creator);
        return new Decision(detectionId, face.videoId(), MatchStatus.CONFIRMED.db(), creator, similarity, rematch);
    }

    /**
     * The face is not {@code creatorId} (the reviewer names the creator they were shown), or, when null, not who it
     * is matched to now. If a rematch moved the face to someone else since the reviewer saw it, the creator is
     * still ruled out and the face keeps its new candidate for the reviewer to look at.
     */
    @Transactional
    public Decision reject(long detectionId, Long creatorId) {
        Face face = lock(detectionId);
        Long ruledOut = Optional.ofNullable(creatorId).orElse(face.creatorId());
        if (ruledOut == null) {
            throw ApiException.conflict("Face " + detectionId + " is matched to no one: there is nothing to reject");
        }
        if (creators.find(ruledOut).isEmpty()) {
            throw ApiException.notFound("No creator with id " + ruledOut);
        }
        jdbc.sql("INSERT INTO detection_rejections (detection_id, creator_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(detectionId, ruledOut).update();
        if (!ruledOut.equals(face.creatorId())) {
            return new Decision(detectionId, face.videoId(), face.matchStatus(), face.creatorId(), face.confidence(),
                    null);
        }
        forgetConfirmedFace(detectionId);
        float threshold = config.get().matchThreshold();
        Optional<Candidate> next = candidates.nearest(detectionId, face.embedding(), 1).stream()
                .filter(candidate -> candidate.similarity() >= threshold)
                .findFirst();
        Decision decision;
        if (next.isPresent()) {
            setMatch(detectionId, MatchStatus.PENDING, next.get().creatorId(), next.get().similarity());
            decision = new Decision(detectionId, face.videoId(), MatchStatus.PENDING.db(), next.get().creatorId(),
                    next.get().similarity(), null);
        } else {
            setMatch(detectionId, MatchStatus.UNMATCHED, null, null);
            decision = new Decision(detectionId, face.videoId(), MatchStatus.UNMATCHED.db(), null, null, null);
        }
        tags.refreshAutoTags(face.videoId());
        return decision;
    }

    private Face lock(long detectionId) {
        long videoId = jdbc.sql("SELECT video_id FROM video_face_detections WHERE id = ?").param(detectionId)
                .query(Long.class).optional()
                .orElseThrow(() -> ApiException.notFound("No face with id " + detectionId));
        jdbc.sql("SELECT id FROM videos WHERE id = ? FOR UPDATE").param(videoId).query(Long.class).optional();
        return jdbc.sql("""
                        SELECT d.id, d.video_id, v.path, d.match_status, d.matched_creator_id, d.match_confidence,
                          d.embedding::text AS embedding, d.bbox, d.det_score
                        FROM video_face_detections d JOIN videos v ON v.id = d.video_id
                        WHERE d.id = ? FOR UPDATE OF d""")
                .param(detectionId)
                .query((rs, n) -> new Face(rs.getLong("id"), rs.getLong("video_id"), rs.getString("path"),
                        rs.getString("match_status"), SqlValues.nullableLong(rs, "matched_creator_id"), SqlValues.nullableFloat(rs, "match_confidence"),
                        new PGvector(rs.getString("embedding")).toArray(), SqlValues.floats(rs, "bbox"),
                        rs.getFloat("det_score")))
                .optional()
                // the video was processed again in between, which replaced its faces
                .orElseThrow(() -> ApiException.notFound("No face with id " + detectionId));
    }

    /** The face's similarity to the nearest of the creator's enrolled faces; null if none is enrolled yet. */
    private Float similarity(long detectionId, long creatorId) {
        return jdbc.sql("""
                        SELECT max(1 - (e.embedding <=> d.embedding)) FROM creator_face_embeddings e, video_face_detections d
                        WHERE e.creator_id = ? AND d.id = ?""")
                .params(creatorId, detectionId).query(Float.class).optional().orElse(null);
    }

    private void setMatch(long detectionId, MatchStatus status, Long creatorId, Float confidence) {
        jdbc.sql("""
                        UPDATE video_face_detections SET match_status = ?, matched_creator_id = ?, match_confidence = ?
                        WHERE id = ?""")
                .params(status.db(), creatorId, confidence, detectionId).update();
    }

    /** The face's crop goes with it into the creator's faces: reprocessing the video later replaces the face. */
    private void copyCrop(long detectionId, long embeddingId) {
        jdbc.sql("""
                        UPDATE creator_face_embeddings
                        SET crop_jpeg = (SELECT crop_jpeg FROM video_face_detections WHERE id = ?) WHERE id = ?""")
                .params(detectionId, embeddingId).update();
    }

    /** A face confirmed before and now decided otherwise no longer stands for its old creator. */
    private void forgetConfirmedFace(long detectionId) {
        jdbc.sql("DELETE FROM creator_face_embeddings WHERE detection_id = ? AND source_type = ?")
                .params(detectionId, CONFIRMED_SOURCE).update();
    }
}
