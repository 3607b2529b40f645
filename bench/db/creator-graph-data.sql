-- 100,000 synthetic creator embeddings (20,000 people x 5, cosine ~0.7 to the person's centre, as facefleet bench db
-- makes them) and 500 probes (faces of enrolled people) with their exact nearest creator, in a scratch database:
--   createdb ff_scratch_creators && psql -d ff_scratch_creators -f bench/db/creator-graph-data.sql
-- then build the index to measure and run bench/db/creator-graph-breadth.sql, e.g.
--   psql -d ff_scratch_creators -c 'CREATE INDEX ON embs USING hnsw (e halfvec_cosine_ops) WITH (m = 32, ef_construction = 128)'
-- (docs/scaling.md, "Matching finds the exact creator"). About 3 minutes on a 2-core machine.
-- probes (faces of enrolled people); exact nearest creator by a scan; then HNSW built with given m / ef_construction
\timing off
CREATE EXTENSION IF NOT EXISTS vector;
DROP TABLE IF EXISTS centres, embs, probes, exact;
CREATE TABLE centres AS SELECT p, (SELECT array_agg(x / sqrt(s)) FROM (SELECT x, sum(x*x) OVER () s FROM (SELECT (sqrt(-2*ln(random()))*cos(2*pi()*random())) x FROM generate_series(1,512) WHERE p > 0) g) n) c FROM generate_series(1,20000) p;
CREATE FUNCTION pg_temp.noisy(c float8[]) RETURNS halfvec AS $$
  SELECT array_agg(v / norm ORDER BY i)::halfvec FROM (SELECT i, v, sqrt(sum(v*v) OVER ()) norm FROM
    (SELECT i, c[i] + 1.0202 * (sqrt(-2*ln(random()))*cos(2*pi()*random())) / sqrt(512) v FROM generate_series(1,512) i) a) b
$$ LANGUAGE sql VOLATILE;
CREATE TABLE embs AS SELECT row_number() OVER () id, p AS creator, pg_temp.noisy(c) e FROM centres, generate_series(1,5) k;
CREATE TABLE probes AS SELECT row_number() OVER () id, pg_temp.noisy(c) e FROM (SELECT c FROM centres ORDER BY random() LIMIT 500) x;
SET enable_indexscan = off;
CREATE TABLE exact AS SELECT p.id, (SELECT m.creator FROM embs m ORDER BY m.e <=> p.e LIMIT 1) creator,
  (SELECT 1 - (m.e <=> p.e) FROM embs m ORDER BY m.e <=> p.e LIMIT 1) sim FROM probes p;
RESET enable_indexscan;
SELECT count(*), round(avg(sim)::numeric, 3) FROM exact;
ALTER TABLE embs ALTER e TYPE halfvec(512);
ALTER TABLE probes ALTER e TYPE halfvec(512);
ANALYZE embs;
