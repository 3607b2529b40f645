#!/usr/bin/env bash
# Proves that a test run left the user's data alone: `snapshot FILE` before the tests records the row count of
# every table of the default database (FACEFLEET_DB_NAME, default facefleet; skipped where it does not exist) and
# the test databases present; `check FILE` after them fails if a count changed or a test database was left behind.
set -euo pipefail
export PGHOST=${FACEFLEET_DB_HOST:-127.0.0.1} PGPORT=${FACEFLEET_DB_PORT:-5432} PGUSER=${FACEFLEET_DB_USER:-postgres}
export PGPASSWORD=${FACEFLEET_DB_PASSWORD:-}
DEFAULT_DB=${FACEFLEET_DB_NAME:-facefleet}
TEST_DATABASES="^(facefleet_(test|it|bench)|ff)_"

row_counts() {
  if [ "$(psql -d postgres -qAtc "SELECT count(*) FROM pg_database WHERE datname = '$DEFAULT_DB'")" = 0 ]; then
    echo "(no database $DEFAULT_DB)"
    return
  fi
  psql -d "$DEFAULT_DB" -qAt -c "
    SELECT table_name || ' ' || (xpath('/row/c/text()', query_to_xml(
             format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
    FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name"
}

test_databases() {
  psql -d postgres -qAtc "SELECT datname FROM pg_database ORDER BY datname" | grep -E "$TEST_DATABASES" || true
}

case "${1:-}" in
  snapshot)
    { row_counts; echo "--"; test_databases; } > "$2"
    ;;
  check)
    after=$(mktemp)
    { row_counts; echo "--"; test_databases; } > "$after"
    # The default database's counts must be the same; of the test databases, only new ones count (one that was
    # there before, of a run going on beside this one, may be dropped meanwhile).
    if ! diff -u <(awk '/^--$/ {exit} {print}' "$2") <(awk '/^--$/ {exit} {print}' "$after"); then
      echo "facefleet test: the tests changed the default database $DEFAULT_DB (diff above)" >&2
      exit 1
    fi
    left="$(comm -13 <(awk 'seen; /^--$/ {seen = 1}' "$2" | LC_ALL=C sort) <(awk 'seen; /^--$/ {seen = 1}' "$after" | LC_ALL=C sort))"
    if [ -n "$left" ]; then
      echo "facefleet test: the tests left test databases behind: $left" >&2
      exit 1
    fi
    echo "facefleet test: database $DEFAULT_DB unchanged ($(grep -c ' ' "$2" || true) tables counted), no test database left behind"
    ;;
  *) echo "usage: $0 snapshot|check FILE" >&2; exit 2 ;;
esac
