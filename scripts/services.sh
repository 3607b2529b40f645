#!/usr/bin/env bash
# facefleet services up|down|status: makes PostgreSQL (>= 15) with pgvector (>= 0.8) and Redis available.
# Idempotent: on a machine where everything is ready, `up` only checks (well under a second).
set -euo pipefail

PROG="facefleet services"
MIN_PG_NUM=150000 MIN_PG="15"
MIN_VECTOR="0.8"
PRIVATE_PG_PORT=55432 PRIVATE_REDIS_PORT=56379
DEBIAN_MIRROR="${FACEFLEET_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PGVECTOR_SUITE="${FACEFLEET_PGVECTOR_SUITE:-trixie}"
export DEBIAN_FRONTEND=noninteractive

HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/facefleet"
LOG="$CACHE/services.log"

load_settings() {
  DB_HOST="${FACEFLEET_DB_HOST:-127.0.0.1}"
  DB_PORT="${FACEFLEET_DB_PORT:-5432}"
  DB_USER="${FACEFLEET_DB_USER:-postgres}"
  DB_PASSWORD="${FACEFLEET_DB_PASSWORD:-}"
  DB_NAME="${FACEFLEET_DB_NAME:-facefleet}"
  REDIS_HOST="${FACEFLEET_REDIS_HOST:-127.0.0.1}"
  REDIS_PORT="${FACEFLEET_REDIS_PORT:-6379}"
}

die() { echo "$PROG: $*" >&2; exit 1; }
say() { echo "services: $*"; }

usage() {
  cat <<'USAGE'
Usage: facefleet services up [--private DIR]     make PostgreSQL + pgvector and Redis available
       facefleet services status [--private DIR] report what is ready (exit 0 when everything is)
       facefleet services down [--private DIR]   stop the private instances that 'up --private' started

Every subcommand takes --help. Connection settings (environment, local defaults):
  FACEFLEET_DB_HOST      PostgreSQL host                       (127.0.0.1)
  FACEFLEET_DB_PORT      PostgreSQL port                       (5432)
  FACEFLEET_DB_USER      PostgreSQL user                       (postgres)
  FACEFLEET_DB_PASSWORD  PostgreSQL password                   (empty)
  FACEFLEET_DB_NAME      database to create / use              (facefleet)
  FACEFLEET_REDIS_HOST   Redis host                            (127.0.0.1)
  FACEFLEET_REDIS_PORT   Redis port                            (6379)
Less common: FACEFLEET_DEBIAN_MIRROR (http://deb.debian.org/debian) and FACEFLEET_PGVECTOR_SUITE
(trixie), where the pgvector source package comes from; XDG_CACHE_HOME (~/.cache), under which
facefleet/pgvector keeps the pgvector build and facefleet/services.log the output of slow steps.
USAGE
}

usage_up() {
  cat <<USAGE
Usage: facefleet services up [--private DIR]

Makes sure that, for the settings below, PostgreSQL >= $MIN_PG answers, pgvector >= $MIN_VECTOR is available,
the database exists with 'CREATE EXTENSION vector' done in it, and Redis answers PING.
On a local host (127.0.0.1, localhost, ::1, a socket directory, this machine's name) it fixes what is
missing: starts a stopped PostgreSQL cluster (pg_ctlcluster) or installs PostgreSQL (apt-get), builds
and installs pgvector from Debian's '$PGVECTOR_SUITE' source package when the server lacks it (the build
is cached under ${CACHE/#$HOME/\~}/pgvector), and starts or installs redis-server.
On a remote host it only checks, and says what the administrator has to do.
Installing and starting system services needs root (or passwordless sudo).

  --private DIR  run private instances under DIR instead of the system services: a PostgreSQL
                 cluster in DIR/pg (port $PRIVATE_PG_PORT or the next free one) and redis-server in DIR/redis
                 (port $PRIVATE_REDIS_PORT or the next free one); prints the variables to export and writes
                 them to DIR/services.env. 'facefleet services down' stops them.

Settings: FACEFLEET_DB_HOST (127.0.0.1), FACEFLEET_DB_PORT (5432), FACEFLEET_DB_USER (postgres),
FACEFLEET_DB_PASSWORD (empty), FACEFLEET_DB_NAME (facefleet), FACEFLEET_REDIS_HOST (127.0.0.1),
FACEFLEET_REDIS_PORT (6379).
USAGE
}

usage_status() {
  cat <<'USAGE'
Usage: facefleet services status [--private DIR]

Prints the PostgreSQL version, whether the database exists, the pgvector version (available on the
server and created in the database) and whether Redis answers PING, for the FACEFLEET_DB_* and
FACEFLEET_REDIS_* settings (see 'facefleet services --help'), or for the private instances in DIR.
Changes nothing. Exit status 0 when everything is ready, 1 otherwise.
USAGE
}

usage_down() {
  cat <<'USAGE'
Usage: facefleet services down [--private DIR]

Stops the private PostgreSQL and Redis that 'facefleet services up --private DIR' started (DIR defaults
to the last one used). Never stops system services: without private instances it says so and does
nothing. The data in DIR is kept; a later 'up --private DIR' starts them again.
USAGE
}

# ---------------------------------------------------------------- helpers

TMP=""
cleanup() { [ -z "$TMP" ] || rm -rf "$TMP"; }
trap cleanup EXIT
tmpdir() { [ -n "$TMP" ] || TMP="$(mktemp -d "${TMPDIR:-/tmp}/facefleet-services.XXXXXX")"; }

version_ge() { # version_ge A B: A >= B (dotted versions)
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | sed -n 1p)" = "$2" ]
}

is_root() { [ "$(id -u)" = 0 ]; }

as_root() {
  if is_root; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else die "this step needs root: $*
(run 'facefleet services up' as root or with passwordless sudo, or use 'up --private DIR')"
  fi
}

run_logged() { # run_logged WHAT CMD...: runs CMD with its output in the log; on failure shows the log's tail
  local what="$1"; shift
  mkdir -p "$CACHE"
  printf '\n==== %s: %s\n' "$(date '+%F %T')" "$what" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    echo "$PROG: $what failed; the end of $LOG:" >&2
    tail -n 25 "$LOG" | sed 's/^/  /' >&2
    exit 1
  fi
}

is_local() {
  case "$1" in
    localhost|127.*|::1|/*|"") return 0 ;;
  esac
  [ "$1" = "$(hostname 2>/dev/null)" ] || [ "$1" = "$(hostname -f 2>/dev/null)" ]
}

apt_candidate() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ && !c++ {print $2}'; }

apt_install() { # apt_install PKG...: installs from the system's apt sources (updates the lists when needed)
  command -v apt-get >/dev/null 2>&1 || die "need to install $* but there is no apt-get here; install it by hand"
  local c; c="$(apt_candidate "$1")"
  if [ -z "$c" ] || [ "$c" = "(none)" ]; then
    say "apt-get update"
    run_logged "apt-get update" as_root apt-get -q update
    c="$(apt_candidate "$1")"
    [ -n "$c" ] && [ "$c" != "(none)" ] || die "apt has no package '$1' in this machine's sources"
  fi
  say "apt-get install $*"
  run_logged "apt-get install $*" as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get -q -y -o DPkg::Lock::Timeout=300 --no-install-recommends install "$@"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() { local p="$1"; while port_in_use "$p"; do p=$((p + 1)); done; echo "$p"; }

# ---------------------------------------------------------------- PostgreSQL

psql_run() { # psql_run DB [PSQL ARGS...]: psql with the settings, unaligned tuples only, never prompts
  local db="$1"; shift
  PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-5}" \
    psql -X -q -w -tA -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$db" "$@"
}

# Sets PG_NUM, PG_VERSION, VEC_AVAIL (default_version or empty), DB_EXISTS (t/f); returns 1 with PG_ERR set.
probe_pg() {
  local out maint
  PG_ERR=""
  command -v psql >/dev/null 2>&1 || { PG_ERR="psql is not installed"; return 1; }
  tmpdir
  for maint in postgres template1; do
    if out="$(psql_run "$maint" -F '|' -v dbname="$DB_NAME" 2>"$TMP/psql.err" <<'SQL'
select current_setting('server_version_num'), current_setting('server_version'),
       coalesce((select default_version from pg_available_extensions where name = 'vector'), ''),
       exists (select 1 from pg_database where datname = :'dbname');
SQL
    )"; then
      IFS='|' read -r PG_NUM PG_VERSION VEC_AVAIL DB_EXISTS <<<"$out"
      PG_VERSION="${PG_VERSION%% *}"
      MAINT_DB="$maint"
      return 0
    fi
    PG_ERR="$(tr '\n' ' ' <"$TMP/psql.err" | sed 's/  */ /g; s/ $//')"
    case "$PG_ERR" in *"database \"postgres\" does not exist"*) continue ;; esac
    return 1
  done
  return 1
}

pg_ready_state() { # 0 accepting, 1 rejecting (starting), 2 no response, 3 no attempt / no pg_isready
  command -v pg_isready >/dev/null 2>&1 || { echo 2; return; }
  local rc=0
  pg_isready -q -t 3 -h "$DB_HOST" -p "$DB_PORT" >/dev/null 2>&1 || rc=$?
  echo "$rc"
}

wait_pg() { # waits up to $1 seconds until the server accepts connections
  local i
  for ((i = 0; i < $1 * 4; i++)); do
    [ "$(pg_ready_state)" = 0 ] && return 0
    sleep 0.25
  done
  return 1
}

newest_pg_bin() { { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | while read -r d; do if [ -x "$d/postgres" ]; then echo "$d"; fi; done | tail -n1; }

FRESH_CLUSTER=""

start_local_pg() { # starts (installing first when needed) the local cluster for DB_PORT
  if [ -z "$(newest_pg_bin)" ] || ! command -v pg_lsclusters >/dev/null 2>&1; then
    say "PostgreSQL is not installed; installing it"
    apt_install postgresql
    FRESH_CLUSTER=1
  fi
  local line
  line="$(pg_lsclusters -h 2>/dev/null | awk -v p="$DB_PORT" '$3 == p && !n++')"
  if [ -z "$line" ]; then
    if [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then
      die "no local PostgreSQL cluster uses port $DB_PORT; the clusters here are:
$(pg_lsclusters 2>/dev/null)
Set FACEFLEET_DB_PORT to one of them, or use 'facefleet services up --private DIR'."
    fi
    local ver; ver="$(basename "$(dirname "$(newest_pg_bin)")")"
    say "creating PostgreSQL $ver cluster 'main' on port $DB_PORT"
    run_logged "pg_createcluster $ver main" as_root pg_createcluster "$ver" main --port "$DB_PORT"
    FRESH_CLUSTER=1
    line="$(pg_lsclusters -h 2>/dev/null | awk -v p="$DB_PORT" '$3 == p && !n++')"
  fi
  local ver name
  read -r ver name _ <<<"$line"
  say "starting PostgreSQL cluster $ver/$name"
  if ! pg_lsclusters -h 2>/dev/null | awk -v v="$ver" -v n="$name" '$1 == v && $2 == n && $4 ~ /online/ {f = 1} END {exit !f}'; then
    run_logged "pg_ctlcluster $ver $name start" as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start
  fi
  wait_pg 30 || die "PostgreSQL cluster $ver/$name started but does not accept connections on $DB_HOST:$DB_PORT
(see /var/log/postgresql/postgresql-$ver-$name.log)"
  [ -z "$FRESH_CLUSTER" ] || setup_fresh_cluster "$ver" "$name"
}

# A cluster this run created has Debian's default pg_hba.conf (password auth on TCP, no password set):
# make the configured user able to log in over TCP with the configured password (or none).
setup_fresh_cluster() {
  local ver="$1" name="$2" hba conf_port
  hba="/etc/postgresql/$ver/$name/pg_hba.conf"
  conf_port="$(pg_lsclusters -h | awk -v v="$ver" -v n="$name" '$1 == v && $2 == n {print $3}')"
  admin() { as_root runuser -u postgres -- psql -X -q -w -tA -v ON_ERROR_STOP=1 -p "$conf_port" -d postgres "$@"; }
  if [ "$(admin -v u="$DB_USER" <<<"select exists (select 1 from pg_roles where rolname = :'u');")" != t ]; then
    say "creating PostgreSQL role $DB_USER (superuser, for this local cluster)"
    admin -v u="$DB_USER" <<<'create role :"u" login superuser;' >/dev/null
  fi
  if [ -n "$DB_PASSWORD" ]; then
    say "setting the password of role $DB_USER"
    admin -v u="$DB_USER" -v p="$DB_PASSWORD" <<<"alter role :\"u\" password :'p';" >/dev/null
  elif ! grep -q '# facefleet services' "$hba"; then
    say "allowing password-less local TCP logins (127.0.0.1, ::1) in $hba"
    as_root sed -i '0,/^[[:space:]]*\(local\|host\)/s//# facefleet services: local TCP without password (FACEFLEET_DB_PASSWORD is empty)\nhost all all 127.0.0.1\/32 trust\nhost all all ::1\/128 trust\n&/' "$hba"
    run_logged "pg_ctlcluster $ver $name reload" as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" reload
  fi
}

ensure_postgres() {
  if ! command -v psql >/dev/null 2>&1; then      # a local server without binaries gets installed below
    is_local "$DB_HOST" && [ -z "$(newest_pg_bin)" ] || apt_install postgresql-client
  fi
  if ! probe_pg; then
    local state; state="$(pg_ready_state)"
    if [ "$state" = 1 ]; then wait_pg 30 || true; state="$(pg_ready_state)"; fi
    if [ "$state" != 0 ]; then
      is_local "$DB_HOST" || die "PostgreSQL at $DB_HOST:$DB_PORT is not reachable${PG_ERR:+ ($PG_ERR)}.
It is not local, so start it there (or fix FACEFLEET_DB_HOST/FACEFLEET_DB_PORT)."
      start_local_pg
    fi
    probe_pg || die "cannot use PostgreSQL at $DB_HOST:$DB_PORT as user $DB_USER: $PG_ERR
(check FACEFLEET_DB_USER / FACEFLEET_DB_PASSWORD and the server's pg_hba.conf)"
  fi
  [ "$PG_NUM" -ge "$MIN_PG_NUM" ] || die "PostgreSQL at $DB_HOST:$DB_PORT is $PG_VERSION; Facefleet needs $MIN_PG or newer"
  say "PostgreSQL $PG_VERSION at $DB_HOST:$DB_PORT is up"
}

# ---------------------------------------------------------------- pgvector

fetch_pgvector_source() { # extracts Debian's pgvector source package into $CACHE/pgvector/src, prints its dir
  local srcroot="$CACHE/pgvector/src" apt_dir list keyring opts dsc dir
  tmpdir
  apt_dir="$TMP/apt"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$srcroot"
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -f "$keyring" ] || apt_install debian-archive-keyring >&2
  echo "deb-src [signed-by=$keyring] $DEBIAN_MIRROR $PGVECTOR_SUITE main" >"$apt_dir/sources.list"
  opts=(-q -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
  is_root && opts+=(-o APT::Sandbox::User=root)
  run_logged "apt-get update ($PGVECTOR_SUITE sources, private list)" apt-get "${opts[@]}" update
  mkdir -p "$TMP/dl"
  run_logged "apt-get source --download-only pgvector" \
    bash -c 'cd "$1" && shift && apt-get "$@" source --download-only pgvector' _ "$TMP/dl" "${opts[@]}"
  dsc="$(ls "$TMP"/dl/pgvector_*.dsc | sed -n 1p)"
  rm -rf "$TMP/x"
  run_logged "dpkg-source -x $(basename "$dsc")" dpkg-source -x "$dsc" "$TMP/x"
  dir="$srcroot/$(awk '/^Version:/ {print $2; exit}' "$dsc")"
  rm -rf "$dir"
  mv "$TMP/x" "$dir"
  echo "$dir"
}

build_pgvector() {
  local major pg_config src ver build
  major=$((PG_NUM / 10000))
  pg_config="/usr/lib/postgresql/$major/bin/pg_config"
  [ -x "$pg_config" ] || die "the local server is PostgreSQL $major but $pg_config is missing;
is the server at $DB_HOST:$DB_PORT really this machine's PostgreSQL $major?"
  # the newest cached source with a version >= MIN_VECTOR, else fetch one
  src="$(ls -d "$CACHE"/pgvector/src/*/ 2>/dev/null | sed 's:/$::' | sort -V | tail -n1 || true)"
  if [ -z "$src" ] || ! version_ge "$(basename "$src")" "$MIN_VECTOR"; then
    say "fetching the pgvector source package from Debian $PGVECTOR_SUITE"
    tmpdir
    src="$(fetch_pgvector_source)"
  fi
  ver="$(basename "$src")"                        # Debian version, e.g. 0.8.0-1
  version_ge "$ver" "$MIN_VECTOR" || die "Debian $PGVECTOR_SUITE has pgvector $ver, older than $MIN_VECTOR"
  [ -f "$("$pg_config" --pgxs 2>/dev/null)" ] && [ -f "$("$pg_config" --includedir-server 2>/dev/null)/postgres.h" ] \
    || apt_install "postgresql-server-dev-$major"
  command -v make >/dev/null 2>&1 && command -v gcc >/dev/null 2>&1 || apt_install make gcc libc6-dev
  build="$CACHE/pgvector/build-$ver-pg$major"
  if [ ! -f "$build/vector.so" ]; then
    say "building pgvector $ver for PostgreSQL $major"
    rm -rf "$build"
    cp -a "$src" "$build"
    # OPTFLAGS="": portable code, no -march=native (the cache may move to another machine)
    run_logged "make (pgvector)" make -C "$build" -j"$(nproc 2>/dev/null || echo 2)" PG_CONFIG="$pg_config" OPTFLAGS=""
  else
    say "using the cached pgvector $ver build in ${build/#$HOME/\~}"
  fi
  say "installing pgvector $ver into PostgreSQL $major"
  run_logged "make install (pgvector)" as_root make -C "$build" install PG_CONFIG="$pg_config" OPTFLAGS=""
}

ensure_pgvector() {
  if [ -n "$VEC_AVAIL" ] && version_ge "$VEC_AVAIL" "$MIN_VECTOR"; then
    say "pgvector $VEC_AVAIL is available"
    return 0
  fi
  is_local "$DB_HOST" || die "PostgreSQL at $DB_HOST:$DB_PORT has ${VEC_AVAIL:+only }pgvector ${VEC_AVAIL:-not installed}.
The server is not local, so its DBA must install pgvector >= $MIN_VECTOR there (https://github.com/pgvector/pgvector,
or the postgresql-$((PG_NUM / 10000))-pgvector package), then rerun 'facefleet services up'."
  mkdir -p "$CACHE"
  exec 9>"$CACHE/pgvector.lock"
  flock -n 9 || { say "waiting for another 'facefleet services up' that is installing pgvector"; flock 9; }
  probe_pg || die "PostgreSQL at $DB_HOST:$DB_PORT stopped answering: $PG_ERR"
  if [ -z "$VEC_AVAIL" ] || ! version_ge "$VEC_AVAIL" "$MIN_VECTOR"; then build_pgvector; fi
  exec 9>&-
  probe_pg || die "PostgreSQL at $DB_HOST:$DB_PORT stopped answering: $PG_ERR"
  [ -n "$VEC_AVAIL" ] && version_ge "$VEC_AVAIL" "$MIN_VECTOR" || die "installed pgvector but the server at $DB_HOST:$DB_PORT
still offers ${VEC_AVAIL:-no vector extension}; is it this machine's PostgreSQL $((PG_NUM / 10000))?"
  say "pgvector $VEC_AVAIL is available"
}

ensure_database() {
  if [ "$DB_EXISTS" = t ]; then
    say "database $DB_NAME exists"
  else
    psql_run "$MAINT_DB" -v dbname="$DB_NAME" <<<'create database :"dbname";' >/dev/null \
      || die "could not create database $DB_NAME (does $DB_USER have CREATEDB?)"
    say "database $DB_NAME created"
  fi
  local ext
  ext="$(psql_run "$DB_NAME" <<'SQL'
set client_min_messages = warning;
create extension if not exists vector;
select extversion from pg_extension where extname = 'vector';
SQL
  )" || die "could not create extension vector in database $DB_NAME (CREATE EXTENSION vector needs a superuser)"
  if ! version_ge "$ext" "$MIN_VECTOR"; then
    psql_run "$DB_NAME" <<<'alter extension vector update;' >/dev/null \
      || die "extension vector $ext in $DB_NAME is older than $MIN_VECTOR and could not be updated"
    ext="$(psql_run "$DB_NAME" -c "select extversion from pg_extension where extname = 'vector'")"
    version_ge "$ext" "$MIN_VECTOR" || die "extension vector in $DB_NAME is $ext; Facefleet needs $MIN_VECTOR or newer"
  fi
  say "extension vector $ext is created in $DB_NAME"
}

# ---------------------------------------------------------------- Redis

redis_ping() { # prints the reply to PING (PONG when fine), or nothing
  if command -v redis-cli >/dev/null 2>&1; then
    timeout 5 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null | tr -d '\r' || true
  else
    timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "PING\r\n" >&3 && IFS= read -r l <&3 && echo "${l#+}"' \
      _ "$REDIS_HOST" "$REDIS_PORT" 2>/dev/null | tr -d '\r' || true
  fi
}

redis_version() {
  command -v redis-cli >/dev/null 2>&1 || return 0
  timeout 5 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" info server 2>/dev/null | tr -d '\r' \
    | awk -F: '$1 == "redis_version" {print $2}' || true
}

wait_redis() { local i; for ((i = 0; i < $1 * 4; i++)); do [ "$(redis_ping)" = PONG ] && return 0; sleep 0.25; done; return 1; }

ensure_redis() {
  local reply; reply="$(redis_ping)"
  if [ -z "$reply" ]; then
    is_local "$REDIS_HOST" || die "Redis at $REDIS_HOST:$REDIS_PORT does not answer.
It is not local, so start it there (or fix FACEFLEET_REDIS_HOST/FACEFLEET_REDIS_PORT)."
    if ! command -v redis-server >/dev/null 2>&1; then
      say "redis-server is not installed; installing it"
      apt_install redis-server
      wait_redis 3 || true
    fi
    if [ "$(redis_ping)" != PONG ]; then
      say "starting redis-server on port $REDIS_PORT"
      as_root mkdir -p /var/lib/redis /var/log/redis
      run_logged "redis-server start" as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
        --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
      wait_redis 15 || die "started redis-server but it does not answer on $REDIS_HOST:$REDIS_PORT (see /var/log/redis/ci.log)"
    fi
    reply=PONG
  fi
  [ "$reply" = PONG ] || die "Redis at $REDIS_HOST:$REDIS_PORT answers PING with '$reply'"
  local v; v="$(redis_version)"
  say "Redis${v:+ $v} at $REDIS_HOST:$REDIS_PORT answers PONG"
}

# ---------------------------------------------------------------- private instances

abs_dir() { mkdir -p "$1" && (cd "$1" && pwd); }

private_runas() { # runs a PostgreSQL binary as postgres when we are root (postgres refuses to run as root)
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

load_private_env() { # sets FACEFLEET_* from DIR/services.env
  local f="$1/services.env"
  [ -f "$f" ] || die "no private services in $1 (no $f); run 'facefleet services up --private $1' first"
  # shellcheck disable=SC1090
  . "$f"
}

# PostgreSQL settings sized to this host (docs/scaling.md, "Server settings"): the HNSW indexes must stay in memory
# for fast searches and inserts, and an index build wants its graph in maintenance_work_mem.
pg_tuning_conf() {
  local mem_mb cores
  mem_mb="$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)"
  cores="$(nproc)"
  local shared=$((mem_mb / 4)) cache=$((mem_mb * 3 / 4)) maint=$((mem_mb / 8))
  [ "$shared" -ge 128 ] || shared=128
  [ "$shared" -le 32768 ] || shared=32768
  [ "$maint" -le 8192 ] || maint=8192
  [ "$maint" -ge 64 ] || maint=64
  local workers=$((cores - 1)); [ "$workers" -ge 1 ] || workers=1; [ "$workers" -le 8 ] || workers=8
  cat <<CONF
# Written by facefleet services from this host's memory (${mem_mb} MB) and cores (${cores}); see docs/scaling.md.
shared_buffers = ${shared}MB
effective_cache_size = ${cache}MB
maintenance_work_mem = ${maint}MB
autovacuum_work_mem = 256MB
max_parallel_maintenance_workers = ${workers}
work_mem = 16MB
max_wal_size = 4GB
checkpoint_completion_target = 0.9
CONF
}

private_up() {
  local dir bin pgdir data pg_port redis_port state
  dir="$(abs_dir "$1")" || die "cannot create $1"
  pgdir="$dir/pg" data="$dir/pg/data" state="$dir/services.env"
  pg_port="" redis_port=""
  if [ -f "$state" ]; then
    pg_port="$(sed -n 's/^export FACEFLEET_DB_PORT=//p' "$state")"
    redis_port="$(sed -n 's/^export FACEFLEET_REDIS_PORT=//p' "$state")"
  fi

  bin="$(newest_pg_bin)"
  if [ -z "$bin" ]; then
    say "PostgreSQL is not installed; installing it"
    apt_install postgresql
    bin="$(newest_pg_bin)"
    [ -n "$bin" ] || die "installed postgresql but found no /usr/lib/postgresql/*/bin/postgres"
  fi
  local major; major="$(basename "$(dirname "$bin")")"
  version_ge "$major" "$MIN_PG" || die "the newest local PostgreSQL is $major; Facefleet needs $MIN_PG or newer"

  if is_root; then
    getent passwd postgres >/dev/null || die "no user 'postgres' to run the private cluster as"
    runuser -u postgres -- test -x "$dir" || die "user postgres cannot reach $dir (PostgreSQL refuses to run as root);
choose a directory that user postgres can traverse, e.g. /var/tmp/facefleet-services"
  fi

  if [ ! -f "$data/PG_VERSION" ]; then
    [ -n "$pg_port" ] || pg_port="$(free_port "$PRIVATE_PG_PORT")"
    say "initdb: private PostgreSQL $major cluster in $data (port $pg_port)"
    rm -rf "$pgdir"; mkdir -p "$pgdir"
    is_root && chown postgres: "$pgdir"
    run_logged "initdb $data" private_runas "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C
    cat >>"$data/postgresql.conf" <<CONF
# facefleet services up --private
port = $pg_port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pgdir'
CONF
  fi
  pg_port="$(awk -F'= *' '/^port *=/ {p = $2} END {print p + 0}' "$data/postgresql.conf")"
  grep -q "^include_if_exists = 'facefleet-tuning.conf'" "$data/postgresql.conf" \
    || echo "include_if_exists = 'facefleet-tuning.conf'" >>"$data/postgresql.conf"
  local tuning_changed=""
  if [ "$(pg_tuning_conf)" != "$(cat "$data/facefleet-tuning.conf" 2>/dev/null)" ]; then
    pg_tuning_conf >"$data/facefleet-tuning.conf"
    is_root && chown postgres: "$data/facefleet-tuning.conf"
    tuning_changed=1
    say "wrote $data/facefleet-tuning.conf: $(grep -E '^(shared_buffers|maintenance_work_mem)' "$data/facefleet-tuning.conf" | tr '\n' ' ')"
  fi
  if private_runas "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    if [ -n "$tuning_changed" ]; then
      say "restarting private PostgreSQL for its new memory settings"
      run_logged "pg_ctl restart ($data)" private_runas "$bin/pg_ctl" -D "$data" -l "$pgdir/postgresql.log" -w -t 60 -m fast restart
    fi
    say "private PostgreSQL is running (port $pg_port)"
  else
    port_in_use "$pg_port" && die "port $pg_port (in $data/postgresql.conf) is taken by something else"
    say "starting private PostgreSQL on port $pg_port"
    run_logged "pg_ctl start ($data)" private_runas "$bin/pg_ctl" -D "$data" -l "$pgdir/postgresql.log" -w -t 60 start
  fi

  mkdir -p "$dir/redis"
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  REDIS_HOST=127.0.0.1 REDIS_PORT="${redis_port:-$PRIVATE_REDIS_PORT}"
  if [ -f "$dir/redis/redis.pid" ] && kill -0 "$(cat "$dir/redis/redis.pid")" 2>/dev/null && [ "$(redis_ping)" = PONG ]; then
    say "private Redis is running (port $REDIS_PORT)"
  else
    port_in_use "$REDIS_PORT" && REDIS_PORT="$(free_port "$REDIS_PORT")"
    say "starting private redis-server on port $REDIS_PORT"
    run_logged "redis-server start ($dir/redis)" redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" \
      --save "" --appendonly no --dir "$dir/redis" --logfile "$dir/redis/redis.log" --pidfile "$dir/redis/redis.pid"
    wait_redis 15 || die "started redis-server but it does not answer on port $REDIS_PORT (see $dir/redis/redis.log)"
  fi

  DB_HOST=127.0.0.1 DB_PORT="$pg_port" DB_PASSWORD=""
  cat >"$state" <<ENV
export FACEFLEET_DB_HOST=127.0.0.1
export FACEFLEET_DB_PORT=$pg_port
export FACEFLEET_DB_USER=$DB_USER
export FACEFLEET_DB_PASSWORD=
export FACEFLEET_DB_NAME=$DB_NAME
export FACEFLEET_REDIS_HOST=127.0.0.1
export FACEFLEET_REDIS_PORT=$REDIS_PORT
ENV
  mkdir -p "$CACHE" && echo "$dir" >"$CACHE/private-dir"
  wait_pg 30 || die "private PostgreSQL does not accept connections on port $pg_port (see $pgdir/postgresql.log)"
  if [ "$DB_USER" != postgres ]; then
    psql_run_as_postgres() { PGPASSWORD="" psql -X -q -w -tA -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
    [ "$(psql_run_as_postgres -v u="$DB_USER" <<<"select exists (select 1 from pg_roles where rolname = :'u');")" = t ] \
      || psql_run_as_postgres -v u="$DB_USER" <<<'create role :"u" login superuser;' >/dev/null
  fi
}

private_down() {
  local dir="$1" bin stopped=""
  if [ -f "$dir/pg/data/PG_VERSION" ]; then
    bin="/usr/lib/postgresql/$(cat "$dir/pg/data/PG_VERSION")/bin"
    if private_runas "$bin/pg_ctl" -D "$dir/pg/data" status >/dev/null 2>&1; then
      run_logged "pg_ctl stop ($dir/pg/data)" private_runas "$bin/pg_ctl" -D "$dir/pg/data" -m fast -w -t 60 stop
      say "stopped private PostgreSQL ($dir/pg)"; stopped=1
    fi
  fi
  local pidfile="$dir/redis/redis.pid" pid
  if [ -f "$pidfile" ] && pid="$(cat "$pidfile")" && kill -0 "$pid" 2>/dev/null \
      && grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null; then
    kill "$pid"
    local i; for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    rm -f "$pidfile"
    say "stopped private Redis ($dir/redis)"; stopped=1
  fi
  [ -n "$stopped" ] || say "private services in $dir are not running"
  [ "$(cat "$CACHE/private-dir" 2>/dev/null)" != "$dir" ] || rm -f "$CACHE/private-dir"
}

# ---------------------------------------------------------------- subcommands

parse_private() { # sets PRIVATE from "--private DIR"; rejects anything else
  PRIVATE=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --private) [ $# -ge 2 ] && [ -n "$2" ] || die "--private needs a directory"; PRIVATE="$2"; shift 2 ;;
      --private=*) PRIVATE="${1#--private=}"; shift ;;
      *) die "unknown argument '$1' (see 'facefleet services $SUB --help')" ;;
    esac
  done
}

cmd_up() {
  parse_private "$@"
  load_settings
  if [ -n "$PRIVATE" ]; then
    private_up "$PRIVATE"
  fi
  ensure_postgres
  ensure_pgvector
  ensure_database
  ensure_redis
  if [ -n "$PRIVATE" ]; then
    say "private services ready; use them with:  . $(abs_dir "$PRIVATE")/services.env"
    sed 's/^/  /' "$(abs_dir "$PRIVATE")/services.env"
  else
    say "all ready"
  fi
}

cmd_status() {
  parse_private "$@"
  if [ -n "$PRIVATE" ]; then load_private_env "$(realpath -m "$PRIVATE")"; fi
  load_settings
  local ok=0 ext=""
  if probe_pg; then
    if [ "$PG_NUM" -ge "$MIN_PG_NUM" ]; then
      echo "PostgreSQL: $PG_VERSION at $DB_HOST:$DB_PORT"
    else
      echo "PostgreSQL: $PG_VERSION at $DB_HOST:$DB_PORT (too old, need >= $MIN_PG)"; ok=1
    fi
    if [ "$DB_EXISTS" = t ]; then
      echo "database:   $DB_NAME exists"
      ext="$(psql_run "$DB_NAME" -c "select extversion from pg_extension where extname = 'vector'" 2>/dev/null || true)"
    else
      echo "database:   $DB_NAME missing"; ok=1
    fi
    if [ -n "$ext" ] && version_ge "$ext" "$MIN_VECTOR"; then
      echo "pgvector:   $ext in $DB_NAME (server offers ${VEC_AVAIL:-none})"
    else
      echo "pgvector:   ${ext:-not created} in $DB_NAME, server offers ${VEC_AVAIL:-none} (need >= $MIN_VECTOR)"; ok=1
    fi
  else
    echo "PostgreSQL: not usable at $DB_HOST:$DB_PORT ($PG_ERR)"; ok=1
    echo "database:   unknown"
    echo "pgvector:   unknown"
  fi
  local reply; reply="$(redis_ping)"
  if [ "$reply" = PONG ]; then
    local v; v="$(redis_version)"
    echo "Redis:      PONG from ${v:+$v at }$REDIS_HOST:$REDIS_PORT"
  else
    echo "Redis:      ${reply:-no answer} at $REDIS_HOST:$REDIS_PORT"; ok=1
  fi
  [ "$ok" = 0 ] && echo "all ready" || echo "not ready: run 'facefleet services up${PRIVATE:+ --private $PRIVATE}'"
  return "$ok"
}

cmd_down() {
  parse_private "$@"
  load_settings
  local dir="$PRIVATE"
  [ -n "$dir" ] || dir="$(cat "$CACHE/private-dir" 2>/dev/null || true)"
  if [ -z "$dir" ]; then
    say "no private services were started ('up --private DIR'); the system PostgreSQL and Redis are left running"
    return 0
  fi
  [ -d "$dir" ] || die "no directory $dir"
  private_down "$(realpath -m "$dir")"
}

SUB="${1:-}"
[ $# -gt 0 ] && shift
case "$SUB" in
  ""|help|-h|--help) usage ;;
  up|status|down)
    for a in "$@"; do
      case "$a" in -h|--help) "usage_$SUB"; exit 0 ;; esac
    done
    "cmd_$SUB" "$@"
    ;;
  *) usage >&2; die "unknown subcommand '$SUB'" ;;
esac
