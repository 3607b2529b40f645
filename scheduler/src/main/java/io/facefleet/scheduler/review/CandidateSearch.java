package io.facefleet.scheduler.review;

import com.pgvector.PGvector;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

/**
 * The creators nearest to a face, through the HNSW index over creator_face_embeddings, leaving out the creators
 * rejected for that face. Call it inside a transaction: the index is told to keep scanning past rejected
 * creators' embeddings ({@code hnsw.iterative_scan}, pgvector 0.8), which holds until the transaction ends.
 */
@Repository
class CandidateSearch {

    /** Nearest embeddings fetched to find the few nearest creators: a creator may hold many embeddings. */
    private static final int EMBEDDINGS_SEARCHED = 50;

    private final JdbcClient jdbc;

    CandidateSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Candidate> nearest(long detectionId, float[] embedding, int creators) {
        jdbc.sql("SET LOCAL hnsw.iterative_scan = relaxed_order").update();
        return jdbc.sql("""
                        SELECT e.creator_id, c.name, max(e.similarity) AS similarity
                        FROM (SELECT creator_id, 1 - (embedding <=> :e) AS similarity
                              FROM creator_face_embeddings
                              WHERE creator_id NOT IN (SELECT creator_id FROM detection_rejections
                                                       WHERE detection_id = :detection)
                              ORDER BY embedding <=> :e LIMIT :searched) e
                        JOIN creators c ON c.id = e.creator_id
                        GROUP BY e.creator_id, c.name
                        ORDER BY similarity DESC LIMIT :creators""")
                .param("e", new PGvector(embedding)).param("detection", detectionId)
                .param("searched", EMBEDDINGS_SEARCHED).param("creators", creators)
                .query((rs, n) -> new Candidate(rs.getLong("creator_id"), rs.getString("name"),
                        rs.getFloat("similarity")))
                .list();
    }
}
