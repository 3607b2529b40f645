#!/usr/bin/env bash
# facefleet container test: compose.yaml for real, with podman. Builds the images, starts PostgreSQL + pgvector,
# Redis, the scheduler and one worker in containers, enrols a creator from the face data through the REST API,
# drops a sample video into the watched library and waits until the video is tagged with that creator. Prints
# the result, the timings and the image sizes. Not part of `facefleet test` (minutes on a 2-core machine).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FIXTURES="${FACEFLEET_FIXTURES:-$(cd "$ROOT/.." && pwd)/shared}"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$ROOT/docker/podman/containers.conf}"
PROJECT=facefleet-test
CREATOR=Barack_Obama
VIDEO=obama_whcd_hk.mp4
KEEP=0
TIMEOUT=900

usage() {
  cat <<USAGE
Usage: scripts/container-test.sh [--creator NAME] [--video FILE] [--keep] [--timeout SECONDS]

Runs compose.yaml with podman (podman-compose): a sample video processed end to end in containers.
  --creator NAME   a folder of facedata/photos to enrol ($CREATOR)
  --video FILE     a file of facedata/videos to drop into the library ($VIDEO)
  --keep           leave the stack running afterwards (podman-compose -p $PROJECT down -v stops it)
  --timeout S      give up after S seconds of waiting for the stack, the enrolment and the video ($TIMEOUT)
Needs root. Builds the jars when missing (JAVA_HOME: a JDK >= 21) and the base images (scripts/container-images.sh).
FACEFLEET_FIXTURES names the folder with models/ and facedata/ ($FIXTURES); the models are mounted, pack dev-512.
FACEFLEET_API_TOKEN, when set, is sent as a bearer token with every API call.
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --creator) CREATOR="$2"; shift 2 ;;
    --video) VIDEO="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

say() { echo "container-test: $*"; }
die() { echo "container-test: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

[ "$(id -u)" = 0 ] || die "needs root (rootful podman)"
photos="$FIXTURES/facedata/photos/$CREATOR"
[ -d "$photos" ] || die "no photos at $photos (set FACEFLEET_FIXTURES)"
[ -f "$FIXTURES/facedata/videos/$VIDEO" ] || die "no video $FIXTURES/facedata/videos/$VIDEO"
command -v podman-compose >/dev/null || {
  say "apt-get install podman-compose"
  DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends install podman-compose >/dev/null
}
command -v jq >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get -q -y install jq >/dev/null

# ---------------------------------------------------------------- the REST API, in one place
API=""
api() { # api METHOD PATH [CURL ARGS...]: the JSON answer; fails on an HTTP error
  curl -sS --fail-with-body --max-time 30 -X "$1" ${FACEFLEET_API_TOKEN:+-H "Authorization: Bearer $FACEFLEET_API_TOKEN"} \
    "$API$2" "${@:3}"
}

wait_for() { # wait_for WHAT COMMAND...: runs COMMAND every 2 s until it succeeds or the timeout passes
  local what="$1" start; shift
  start=$(date +%s)
  until "$@" >/dev/null 2>&1; do
    [ $(( $(date +%s) - start )) -lt "$TIMEOUT" ] || die "gave up waiting for $what after $TIMEOUT s"
    sleep 2
  done
}

free_port() { local p="$1"; while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }

# ---------------------------------------------------------------- images
t0=$(now)
if [ ! -f "$ROOT/worker/target/facefleet-worker.jar" ] || [ ! -f "$ROOT/scheduler/target/facefleet-scheduler.jar" ]; then
  say "building the jars"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
bash "$ROOT/scripts/container-images.sh"
t_base=$(since "$t0")

work="$(mktemp -d "${TMPDIR:-/tmp}/facefleet-containers.XXXXXX")"
compose() { podman-compose -p "$PROJECT" -f "$work/compose.yaml" "$@"; }
cleanup() {
  local rc=$?
  if [ "$KEEP" = 1 ]; then
    say "the stack keeps running: $API/ (stop it with: podman-compose -p $PROJECT -f $work/compose.yaml down -v)"
    return
  fi
  [ $rc = 0 ] || { say "failed; the last lines of each container's log:"
    for c in $(podman ps -a --filter "label=io.podman.compose.project=$PROJECT" --format '{{.Names}}'); do
      echo "---- $c"; podman logs --tail 15 "$c" 2>&1 | sed 's/^/  /'; done; }
  compose down -v >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The compose file as it is, run from a folder of its own: podman-compose 1.0.3 lets a .env beside the file win
# over the environment, and a developer's .env must not steer the test.
sed "s#context: \.\$#context: $ROOT#" "$ROOT/compose.yaml" >"$work/compose.yaml"
cp "$ROOT/hwaccel.worker.yml" "$work/"
mkdir -m 0755 "$work/library"
export FACEFLEET_DB_PASSWORD="$(openssl rand -hex 16)" FACEFLEET_REDIS_PASSWORD="$(openssl rand -hex 16)"
export FACEFLEET_ADMIN_PASSWORD="$(openssl rand -hex 16)" FACEFLEET_JOBRUNR_DASHBOARD_PASSWORD="$(openssl rand -hex 16)"
export FACEFLEET_WORKER_TOKEN="$(openssl rand -hex 32)"
export FACEFLEET_LIBRARY_DIR="$work/library" FACEFLEET_MODELS_DIR="$FIXTURES/models" FACEFLEET_MODEL_PACK=dev-512
export FACEFLEET_PORT="$(free_port 18080)" FACEFLEET_JOBRUNR_PORT="$(free_port 18000)" FACEFLEET_BIND=127.0.0.1
export FACEFLEET_WORKERS=1 FACEFLEET_WORKER_VARIANT=cpu FACEFLEET_TAG=test
API="http://127.0.0.1:$FACEFLEET_PORT"

t1=$(now)
say "building the scheduler and worker images"
BUILDAH_FORMAT=docker compose build >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; die "build failed"; }
t_build=$(since "$t1")

# ---------------------------------------------------------------- the stack
t2=$(now)
say "starting PostgreSQL, Redis, the scheduler and a worker"
compose down -v >/dev/null 2>&1 || true # what a --keep run left
compose up -d >"$work/up.log" 2>&1 || { tail -n 30 "$work/up.log" >&2; die "compose up failed"; }
worker="$(podman ps --filter "label=io.podman.compose.project=$PROJECT" --filter label=com.docker.compose.service=worker \
  --format '{{.Names}}' | head -n1)"
[ -n "$worker" ] || die "no worker container"
scheduler="$(podman ps --filter "label=io.podman.compose.project=$PROJECT" \
  --filter label=com.docker.compose.service=scheduler --format '{{.Names}}' | head -n1)"
wait_for "the scheduler's readiness" curl -sf --max-time 5 "$API/readyz"
# An admin token for this test's API calls, made as an operator would: facefleet token create in the container.
FACEFLEET_API_TOKEN="$(podman exec "$scheduler" java -jar /opt/facefleet/facefleet-scheduler.jar token create \
  --role admin --name container-test | grep -o 'ff_[A-Za-z0-9_-]*' | head -n1)"
[ -n "$FACEFLEET_API_TOKEN" ] || die "facefleet token create printed no token"
curl -s -o /dev/null -w '%{http_code}' "$API/api/creators" | grep -qx 401 || die "the API answers without a token"
wait_for "the scheduler's API" api GET /api/creators
t_scheduler=$(since "$t2")
wait_for "the worker's /health" podman exec "$worker" /opt/facefleet/healthcheck.sh 8081 /health
t_worker=$(since "$t2")
say "scheduler answers after $t_scheduler s, worker healthy after $t_worker s"

# ---------------------------------------------------------------- enrol, then drop the video into the library
t3=$(now)
name="${CREATOR//_/ }"
form=(-F "name=$name")
for photo in "$photos"/*; do form+=(-F "photos=@$photo"); done
enrolment="$(api POST /api/creators "${form[@]}")"
creator_id="$(jq -r .creator_id <<<"$enrolment")" job_id="$(jq -r .enrolment_job_id <<<"$enrolment")"
say "enrolling $name (creator $creator_id, $(( ${#form[@]} / 2 - 1 )) photos, job $job_id)"
job_state() { api GET "/api/jobs/$job_id" | jq -r .state; }
enrolment_settled() { case "$(job_state)" in SUCCEEDED|FAILED) return 0 ;; *) return 1 ;; esac; }
wait_for "the enrolment" enrolment_settled
[ "$(job_state)" = SUCCEEDED ] || die "the enrolment failed: $(api GET "/api/jobs/$job_id" | jq -r .error)"
t_enrol=$(since "$t3")

t4=$(now)
cp "$FIXTURES/facedata/videos/$VIDEO" "$work/library/"
chmod 0644 "$work/library/$VIDEO"
say "dropped $VIDEO into the library"
video_of() { api GET "/api/videos?limit=1000" | jq -c --arg p "/library/$VIDEO" '.items[] | select(.path == $p)'; }
tagged() { # done and tagged with the creator, or failed
  local video; video="$(video_of)"
  [ -n "$video" ] && jq -e --arg n "$name" '.status == "failed" or (.status == "done" and any(.tags[]; .name == $n))' <<<"$video"
}
wait_for "$VIDEO to be tagged" tagged
t_video=$(since "$t4")
video="$(video_of)"
[ "$(jq -r .status <<<"$video")" = done ] || die "$VIDEO did not end done: $video"

# ---------------------------------------------------------------- report
health() { podman inspect --format '{{.State.Health.Status}}' "$1" 2>/dev/null || echo "?"; }
for c in $(podman ps --filter "label=io.podman.compose.project=$PROJECT" --format '{{.Names}}'); do
  podman healthcheck run "$c" >/dev/null 2>&1 || true
done
echo
jq -r '"\(.path): \(.status), \(.track_count) face tracks, \(.pending_track_count) pending review, "
  + ([.tags[] | "\(.name) (confidence \(.confidence * 100 | round / 100), \(.on_screen_seconds * 10 | round / 10) s on screen from \(.first_seen_seconds * 10 | round / 10) s)"]
  | join(", "))' <<<"$video"
cat <<REPORT

timings (s): base images $t_base, build $t_build, scheduler up $t_scheduler, worker healthy $t_worker,
             enrolment $t_enrol, video dropped -> tagged $t_video, total $(since "$t0")
REPORT
echo "images:"
for image in facefleet-scheduler:test facefleet-worker:test-cpu eclipse-temurin:21-jre pgvector/pgvector:pg15 redis:7; do
  printf '  %-28s %s\n' "$image" "$(podman image inspect --format '{{.Size}}' "$image" | numfmt --to=si --suffix=B)"
done
echo "health:"
for c in $(podman ps --filter "label=io.podman.compose.project=$PROJECT" --format '{{.Names}}'); do
  printf '  %-34s %s\n' "$c" "$(health "$c")"
done
