-- How often matching's HNSW search finds a face's exact nearest creator, by hnsw.ef_search (docs/scaling.md,
-- "Matching searches wider"). Run on a database facefleet bench db filled and kept:
--   psql -d facefleet_benchdb_... -v n=500 -f bench/db/exact-creators-by-breadth.sql
-- Probes: n tracks of enrolled people; the exact answer: the same query with no index scan allowed.
\timing off
CREATE TEMP TABLE probes AS
  SELECT t.id, e.embedding FROM face_tracks t JOIN face_track_embeddings e ON e.track_id = t.id
  WHERE t.matched_creator_id IS NOT NULL ORDER BY md5(t.id::text) LIMIT :n;
SET enable_indexscan = off; SET enable_bitmapscan = off;
CREATE TEMP TABLE exact AS
  SELECT p.id, (SELECT c.creator_id FROM creator_face_embeddings c ORDER BY c.embedding <=> p.embedding LIMIT 1) AS creator
  FROM probes p;
RESET enable_indexscan; RESET enable_bitmapscan;
CREATE TEMP TABLE results (ef int, agree int, total int, ms numeric);
DO $$
DECLARE ef int; t0 timestamptz; a int; n int; r record; got bigint;
BEGIN
  FOREACH ef IN ARRAY ARRAY[100, 200, 400, 800, 1000] LOOP
    PERFORM set_config('hnsw.ef_search', ef::text, true);
    a := 0; n := 0; t0 := clock_timestamp();
    FOR r IN SELECT p.id, p.embedding, x.creator FROM probes p JOIN exact x USING (id) LOOP
      SELECT c.creator_id INTO got FROM creator_face_embeddings c ORDER BY c.embedding <=> r.embedding LIMIT 1;
      n := n + 1; IF got = r.creator THEN a := a + 1; END IF;
    END LOOP;
    INSERT INTO results VALUES (ef, a, n, round(extract(epoch FROM clock_timestamp() - t0) * 1000 / n, 2));
  END LOOP;
END $$;
SELECT ef, agree, total, round(agree::numeric / total, 4) AS exact_share, ms AS ms_per_lookup FROM results ORDER BY ef;
