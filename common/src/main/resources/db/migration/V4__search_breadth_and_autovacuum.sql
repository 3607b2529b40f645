-- Scale (docs/scaling.md, "The database at scale"): measured by facefleet bench db.
--
-- HNSW search breadth. Faces cluster by person (cosine ~0.5 within a person, ~0 between people), and pgvector's
-- default hnsw.ef_search of 40 then misses a face's own creator in about one lookup in four over 10,000-100,000
-- creator embeddings, and a quarter of the 10 nearest faces. 200 finds them (see the bench's recall figures); a
-- search costs about 3x the default's. Set for this database, so every connection of the scheduler and the workers
-- (and any psql session) gets it; a session may still SET its own.
DO $$
BEGIN
    PERFORM '[1]'::vector; -- loads pgvector's library, which defines hnsw.ef_search
    EXECUTE format('ALTER DATABASE %I SET hnsw.ef_search = 200', current_database());
END
$$;

-- Autovacuum for the face tables: they grow by inserts (PostgreSQL's default waits for 20 % more rows before
-- analysing, and 20 % dead rows before vacuuming: at 10 million faces, 2 million). A video's rerun deletes its
-- tracks, a rematch updates matches: vacuum at 2 % dead rows, analyse at 2 % change, and vacuum inserted pages at
-- 5 % (visibility map, for index-only scans) so each pass stays short.
ALTER TABLE video_face_detections SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02,
                                       autovacuum_vacuum_insert_scale_factor = 0.05);
ALTER TABLE video_face_sightings SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02,
                                      autovacuum_vacuum_insert_scale_factor = 0.05);
ALTER TABLE creator_face_embeddings SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05);
