-- The creators' HNSW index is built with twice the links per element (m 32) and a wider search while building
-- (ef_construction 128), so that matching finds a face's exact nearest creator with a narrower search
-- (docs/scaling.md, "Matching searches wider"). Over 100,000 creator embeddings of 20,000 people on this project's
-- 2-core machine: pgvector's defaults (16, 64) needed hnsw.ef_search 400 for the exact creator of 500 of 500 faces,
-- 16.3 ms a lookup; this graph needs 100, 8.6 ms. Building it takes about 4 times as long (230 s against 58 s here),
-- once: creators are enrolled a few at a time, and each enrolment's insert costs a few milliseconds more.
DROP INDEX creator_face_embeddings_hnsw;
CREATE INDEX creator_face_embeddings_hnsw ON creator_face_embeddings
    USING hnsw (embedding halfvec_cosine_ops) WITH (m = 32, ef_construction = 128);
