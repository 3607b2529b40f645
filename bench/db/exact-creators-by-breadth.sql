-- How often matching's HNSW search finds a face's exact nearest creator, by hnsw.ef_search (docs/scaling.md,
-- "Matching finds the exact creator"). Run on a database facefleet bench db filled and kept:
--   psql -d facefleet_benchdb_... -v n=500 -f bench/db/exact-creators-by-breadth.sql
-- Probes: n tracks of enrolled people; the exact answer: the same query with no index scan allowed. The measuring
-- is creator-graph-breadth.sql's, over a view of the creators' embeddings with its table's names.
\timing off
CREATE TEMP VIEW embs AS SELECT id, creator_id AS creator, embedding AS e FROM creator_face_embeddings;
CREATE TEMP TABLE probes AS
  SELECT t.id, e.embedding AS e FROM face_tracks t JOIN face_track_embeddings e ON e.track_id = t.id
  WHERE t.matched_creator_id IS NOT NULL ORDER BY md5(t.id::text) LIMIT :n;
SET enable_indexscan = off; SET enable_bitmapscan = off;
CREATE TEMP TABLE exact AS SELECT p.id, (SELECT m.creator FROM embs m ORDER BY m.e <=> p.e LIMIT 1) AS creator
  FROM probes p;
RESET enable_indexscan; RESET enable_bitmapscan;
\ir creator-graph-breadth.sql
