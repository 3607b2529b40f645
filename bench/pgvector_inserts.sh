#!/usr/bin/env bash
# How fast PostgreSQL + pgvector takes face rows as the HNSW index grows, and how long a nearest-face query takes:
# the write path every worker shares. Rows like video_face_detections' (a vector(DIM) under the same HNSW
# cosine index as the schema's, default m=16, ef_construction=64), random unit vectors (a worst case for HNSW:
# real faces cluster), inserted in batches of BATCH rows by one connection, up to ROWS rows. With PEOPLE set,
# each row is instead one of PEOPLE random "people" plus noise (cosine ~0.7 to its person, as faces of one person
# are), closer to a real table of faces.
#
#   [PEOPLE=N] bash bench/pgvector_inserts.sh [ROWS] [BATCH] [DIM]     (defaults 100000 10000 512)
#
# Uses a throwaway database on the server FACEFLEET_DB_* points at (default: local, user postgres) and drops it.
set -euo pipefail
ROWS=${1:-100000}
BATCH=${2:-10000}
DIM=${3:-512}
export PGHOST=${FACEFLEET_DB_HOST:-127.0.0.1} PGPORT=${FACEFLEET_DB_PORT:-5432} PGUSER=${FACEFLEET_DB_USER:-postgres}
export PGPASSWORD=${FACEFLEET_DB_PASSWORD:-}
DB=facefleet_bench_hnsw_$$
psql -qAt -d postgres -c "CREATE DATABASE $DB" >/dev/null
trap 'psql -qAt -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null' EXIT
q() { psql -qAt -d "$DB" -v ON_ERROR_STOP=1 -c "$1"; }

q "CREATE EXTENSION vector" >/dev/null
q "CREATE TABLE faces (id bigserial PRIMARY KEY, embedding vector($DIM) NOT NULL)"
q "CREATE INDEX ON faces USING hnsw (embedding vector_cosine_ops)"
# A random unit vector per row (the WHERE ties the inner query to the row, so it is drawn anew each time).
q "CREATE FUNCTION random_unit(n int, seed bigint) RETURNS vector LANGUAGE sql AS
   \$\$ SELECT l2_normalize(array_agg(random() - 0.5)::vector) FROM generate_series(1, n) WHERE seed IS NOT NULL \$\$"
ROW=random_unit
if [ -n "${PEOPLE:-}" ]; then
  q "CREATE TABLE people (id int PRIMARY KEY, centre vector($DIM))"
  q "INSERT INTO people SELECT p, random_unit($DIM, p) FROM generate_series(1, $PEOPLE) p"
  q "CREATE FUNCTION random_face(n int, seed bigint) RETURNS vector LANGUAGE sql AS
     \$\$ SELECT l2_normalize(p.centre + random_unit(n, seed))
         FROM (SELECT 1 + floor(random() * $PEOPLE)::int AS id WHERE seed IS NOT NULL) r JOIN people p USING (id) \$\$"
  ROW=random_face
fi
ROWS_ARE="random unit vectors"
[ -n "${PEOPLE:-}" ] && ROWS_ARE="faces of $PEOPLE people"
echo "pgvector $(q "SELECT extversion FROM pg_extension WHERE extname = 'vector'") on PostgreSQL $(q 'SHOW server_version'), $(nproc) cores; vector($DIM), HNSW cosine (m=16, ef_construction=64); rows: $ROWS_ARE"
printf '%10s %12s %14s %16s\n' "rows" "insert s" "rows/s" "nearest-1 ms"
for ((done = 0; done < ROWS; done += BATCH)); do
  start=$(date +%s.%N)
  q "INSERT INTO faces (embedding) SELECT $ROW($DIM, g) FROM generate_series(1, $BATCH) g"
  end=$(date +%s.%N)
  # 50 nearest-neighbour queries through the index (what matching and rematch candidates do), mean ms each
  query_ms=$(psql -qAt -d "$DB" <<SQL | tail -1
CREATE TEMP TABLE probes AS SELECT $ROW($DIM, g) AS e FROM generate_series(1, 50) g;
SELECT set_config('enable_seqscan', 'off', false);
CREATE FUNCTION pg_temp.nearest(p vector) RETURNS bigint LANGUAGE sql AS
  \$\$ SELECT id FROM faces ORDER BY embedding <=> p LIMIT 1 \$\$;
SELECT clock_timestamp() AS t0 \gset
SELECT count(pg_temp.nearest(e)) FROM probes \g /dev/null
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000 / 50, 2);
SQL
)
  printf '%10d %12.2f %14.0f %16s\n' $((done + BATCH)) "$(echo "$end - $start" | bc)" \
    "$(echo "$BATCH / ($end - $start)" | bc -l)" "$query_ms"
done
echo "generating the random vectors is included in 'insert s'; on its own it takes $(psql -qAt -d "$DB" <<SQL | tail -1
SELECT clock_timestamp() AS t0 \gset
SELECT count($ROW($DIM, g)) FROM generate_series(1, $BATCH) g \g /dev/null
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 2);
SQL
) s per $BATCH rows"
