-- A face track's template moves to a table of its own, which is never updated (docs/scaling.md, "What changed").
--
-- Every UPDATE of a face track's match (a rematch, a reviewer's decision, a creator deleted) changes match_status,
-- which is indexed (the review queue), so PostgreSQL cannot update the row in place (HOT): it writes a new version
-- of the row and inserts it into every index of the table, the HNSW index included. An HNSW insert is a graph search
-- (about 2 ms at 125,000 tracks here), so a rematch that gave 1,037 faces to a new creator spent 2.2 of its 2.25 s
-- re-inserting vectors that had not changed, and left as many dead entries in the graph for vacuum to repair.
-- Here a match update costs three B-tree inserts, and the HNSW index gets one entry per track, written once.
CREATE TABLE face_track_embeddings (
    track_id   bigint                     PRIMARY KEY REFERENCES face_tracks ON DELETE CASCADE,
    embedding  halfvec(${embedding_dim}) NOT NULL
);
INSERT INTO face_track_embeddings (track_id, embedding) SELECT id, embedding FROM face_tracks;

DROP INDEX face_tracks_hnsw;
ALTER TABLE face_tracks DROP COLUMN embedding;
-- A dropped column's bytes stay in every row until it is rewritten; CLUSTER rewrites the table without them (in id
-- order, which is the order of a video's tracks).
CLUSTER face_tracks USING face_tracks_pkey;

CREATE INDEX face_track_embeddings_hnsw ON face_track_embeddings USING hnsw (embedding halfvec_cosine_ops);
ALTER TABLE face_track_embeddings SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02,
                                       autovacuum_vacuum_insert_scale_factor = 0.05);
ANALYZE face_track_embeddings;
