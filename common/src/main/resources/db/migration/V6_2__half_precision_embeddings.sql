-- Embeddings in half precision (pgvector's halfvec, 2 bytes a dimension). A 512-d vector took 2,056 bytes: with
-- the rest of a face track's row it passed PostgreSQL's 2 KB limit for a row kept in one piece, so every embedding
-- was compressed and moved out of line (TOAST), and every read of one (a rematch, a review, the seed's CROSS JOIN)
-- fetched it back from there. As halfvec it takes 1,032 bytes and stays in the row, and the HNSW indexes, which
-- hold a copy of every vector, take half the memory. Cosine similarities change by less than 0.001 (fp16 keeps 11
-- significant bits; embeddings are unit vectors), far below any threshold's precision; docs/scaling.md has the
-- measured recall against full precision. The tables are rewritten and the indexes rebuilt once: minutes for
-- millions of faces (facefleet bench db prints an index build's time).
DROP INDEX face_tracks_hnsw;
DROP INDEX creator_face_embeddings_hnsw;
ALTER TABLE face_tracks
    ALTER COLUMN embedding TYPE halfvec(${embedding_dim}) USING embedding::halfvec(${embedding_dim});
ALTER TABLE creator_face_embeddings
    ALTER COLUMN embedding TYPE halfvec(${embedding_dim}) USING embedding::halfvec(${embedding_dim});
CREATE INDEX face_tracks_hnsw ON face_tracks USING hnsw (embedding halfvec_cosine_ops);
CREATE INDEX creator_face_embeddings_hnsw ON creator_face_embeddings USING hnsw (embedding halfvec_cosine_ops);
-- A search's photo, while a worker embeds it (V6_1), in the same precision as what it is compared with.
ALTER TABLE photo_searches
    ALTER COLUMN embedding TYPE halfvec(${embedding_dim}) USING embedding::halfvec(${embedding_dim});
