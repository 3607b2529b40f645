-- Where a face's exact nearest enrolled face ranks among all enrolled faces by the Hamming distance of their binary
-- codes (binary_quantize: the sign bits, as CreatorGallery holds them), over bench/db/creator-graph-data.sql's
-- 100,000 creator embeddings and its probes (faces of enrolled people):
--   psql -d ff_scratch_creators -f bench/db/creator-codes.sql
-- CreatorGallery compares the 64 nearest codes exactly (docs/scaling.md, "Matching scans binary codes"). Ties count
-- against the exact face: a code as near as its code ranks before it. About a minute on a 2-core machine.
\timing off
CREATE TEMP TABLE ranks AS
SELECT p.id, x.sim,
       (SELECT count(*) FROM embs m
        WHERE (binary_quantize(m.e)::bit(512) <~> binary_quantize(p.e)::bit(512))
              <= (binary_quantize(b.e)::bit(512) <~> binary_quantize(p.e)::bit(512))) - 1 AS rank,
       (binary_quantize(b.e)::bit(512) <~> binary_quantize(p.e)::bit(512)) AS bits
FROM probes p JOIN exact x USING (id),
     LATERAL (SELECT m.e FROM embs m WHERE m.creator = x.creator ORDER BY m.e <=> p.e LIMIT 1) b
WHERE p.id <= 200;
SELECT count(*) AS probes, round(avg(sim)::numeric, 3) AS exact_similarity, round(avg(bits)::numeric, 1) AS exact_bits_apart,
       max(rank) AS worst_rank, count(*) FILTER (WHERE rank < 10) AS within_10,
       count(*) FILTER (WHERE rank < 64) AS within_64
FROM ranks;
