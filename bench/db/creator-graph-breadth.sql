-- Exact nearest creators found by the index of bench/db/creator-graph-data.sql's table, by hnsw.ef_search, and the
-- time of a lookup inside PostgreSQL (exact-creators-by-breadth.sql runs it over a bench database's creators).
CREATE TEMP TABLE results (ef int, agree int, total int, ms numeric);
DO $$
DECLARE ef int; t0 timestamptz; a int; n int; r record; got bigint;
BEGIN
  FOREACH ef IN ARRAY ARRAY[40, 100, 200, 400, 800, 1000] LOOP
    PERFORM set_config('hnsw.ef_search', ef::text, true);
    a := 0; n := 0; t0 := clock_timestamp();
    FOR r IN SELECT p.id, p.e, x.creator FROM probes p JOIN exact x USING (id) LOOP
      SELECT m.creator INTO got FROM embs m ORDER BY m.e <=> r.e LIMIT 1;
      n := n + 1; IF got = r.creator THEN a := a + 1; END IF;
    END LOOP;
    INSERT INTO results VALUES (ef, a, n, round(extract(epoch FROM clock_timestamp() - t0) * 1000 / n, 2));
  END LOOP;
END $$;
SELECT ef, agree, total, round(agree::numeric / total, 4) AS exact_share, ms AS ms_per_lookup FROM results ORDER BY ef;
