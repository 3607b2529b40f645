#!/usr/bin/env bash
# scripts/deploy-test.sh: deploys Facefleet with ansible/site.yml onto four test hosts on this machine and checks it.
#
# Each test host is a network namespace (ffdt-db, ffdt-sched, ffdt-w1, ffdt-w2) with its own address in 10.77.0.0/24
# on a private bridge (ffdt-br0, 10.77.0.1 here) and its own sshd (port 22, a throwaway host key, root login with a
# throwaway key), so Ansible connects to them as to real hosts. The hosts share this machine's filesystem, so each
# gets its own install folders under the test folder; they have no route anywhere but 10.77.0.0/24.
#   db     PostgreSQL with pgvector (its own cluster, initdb in the test folder) and Redis (its own instance)
#   sched  the scheduler, watching <test folder>/library
#   w1     a worker, CPU, the jar's own ONNX Runtime
#   w2     a worker, CPU, with an ONNX Runtime build given as a folder of native libraries (the way ROCm and
#          MIGraphX builds are deployed; here the CPU libraries taken out of the jar), or with DEPLOY_TEST_CUDA=1
#          Maven Central's onnxruntime_gpu (downloaded once, 640 MB; runs on the CPU here, but must load the GPU build)
# Then it copies facedata/videos/obama_whcd_hk.mp4 into the library, waits until GET /api/videos shows it done,
# runs the playbook a second time and requires changed=0 on every host. Everything it started (processes in the
# namespaces, sshd, namespaces, bridge, test folder, the facefleet user if it created it) is removed on exit.
# The machine's own PostgreSQL and Redis are not touched.
#
# Usage: scripts/deploy-test.sh [--keep-files]      (as root)
#   --keep-files   leave the test folder (logs, inventory) in place after the run
# Environment:
#   FACEFLEET_WORKER_JAR, FACEFLEET_SCHEDULER_JAR   the jars (default: worker/target, scheduler/target here)
#   FACEFLEET_FIXTURES       folder holding models/ and facedata/ (default: ../shared beside the checkout)
#   DEPLOY_TEST_JAVA_HOME    Java 21+ for the test hosts (default: the newest /usr/lib/jvm/temurin-*)
#   DEPLOY_TEST_CUDA=1       w2 gets the onnxruntime_gpu build (see above)
#   DEPLOY_TEST_VIDEO_TIMEOUT  seconds to wait for the video to be done (default 300)
set -euo pipefail

PROG="deploy-test"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORKER_JAR="${FACEFLEET_WORKER_JAR:-$REPO/worker/target/facefleet-worker.jar}"
SCHEDULER_JAR="${FACEFLEET_SCHEDULER_JAR:-$REPO/scheduler/target/facefleet-scheduler.jar}"
FIXTURES="${FACEFLEET_FIXTURES:-$REPO/../shared}"
VIDEO_TIMEOUT="${DEPLOY_TEST_VIDEO_TIMEOUT:-300}"
CUDA="${DEPLOY_TEST_CUDA:-0}"
KEEP_FILES=0
NET=10.77.0
BRIDGE=ffdt-br0
NS_PREFIX=ffdt-
HOSTS=(db:11 sched:12 w1:13 w2:14)
LOCK=/run/lock/facefleet-deploy-test.lock

for arg in "$@"; do
  case "$arg" in
    --keep-files) KEEP_FILES=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "$PROG: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

START=$(date +%s.%N)
STEP_START=$START
die() { echo "$PROG: FAILED: $*" >&2; exit 1; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}'; }
step() { # step NAME: prints the time the previous step took and starts timing the next
  echo "[$PROG $(elapsed "$START")s] $*"
  STEP_START=$(date +%s.%N)
}
TIMINGS=()
timed() { TIMINGS+=("$(printf '%-44s %6.1f s' "$1" "$(elapsed "$STEP_START")")"); }

# ------------------------------------------------------------------------------------------------ preflight
[ "$(id -u)" = 0 ] || die "run as root (it creates network namespaces, a bridge and system users)"
NEEDED=()
for tool in ip:iproute2 ansible-playbook:ansible ssh:openssh-client ssh-keygen:openssh-client \
            /usr/sbin/sshd:openssh-server curl:curl python3:python3 start-stop-daemon:dpkg runuser:util-linux \
            unzip:unzip flock:util-linux; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || NEEDED+=("${tool#*:}")
done
if [ "${#NEEDED[@]}" -gt 0 ]; then
  echo "$PROG: installing ${NEEDED[*]} (Debian packages)"
  install_needed() { DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 "${NEEDED[@]}" >/dev/null; }
  install_needed || { apt-get update -q >/dev/null && install_needed; } || die "could not install ${NEEDED[*]}"
fi
[ -f "$WORKER_JAR" ] || die "worker jar not found: $WORKER_JAR
Build it first: JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q package -DskipTests (or set FACEFLEET_WORKER_JAR)"
[ -f "$SCHEDULER_JAR" ] || die "scheduler jar not found: $SCHEDULER_JAR
Build it first: JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q package -DskipTests (or set FACEFLEET_SCHEDULER_JAR)"
FIXTURES="$(cd "$FIXTURES" 2>/dev/null && pwd)" || die "fixtures folder not found (set FACEFLEET_FIXTURES)"
VIDEO="$FIXTURES/facedata/videos/obama_whcd_hk.mp4"
[ -f "$VIDEO" ] || die "test video not found: $VIDEO"
[ -f "$FIXTURES/models/buffalo_s/det_500m.onnx" ] && [ -f "$FIXTURES/models/npm_faceplugin/fr_feature.onnx" ] \
  || die "the dev-512 model files are not in $FIXTURES/models"
JAVA_HOME_HOSTS="${DEPLOY_TEST_JAVA_HOME:-$({ ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/temurin-[3-9][0-9]* 2>/dev/null || true; } | sort -V | tail -n1)}"
[ -n "$JAVA_HOME_HOSTS" ] && [ -x "$JAVA_HOME_HOSTS/bin/java" ] || die "no Java 21+ found; set DEPLOY_TEST_JAVA_HOME"

exec 8>"$LOCK"
flock -n 8 || die "another deploy-test is running (lock $LOCK)"

if ip route show "$NET.0/24" 2>/dev/null | grep -q . && ! ip link show "$BRIDGE" >/dev/null 2>&1; then
  die "$NET.0/24 is already routed on this machine; the test needs it for itself"
fi

# ------------------------------------------------------------------------------------------------ cleanup
T=""
CHILD=""
CREATED_USER=0
getent passwd facefleet >/dev/null || CREATED_USER=1
NS_LIST=()
for h in "${HOSTS[@]}"; do NS_LIST+=("$NS_PREFIX${h%%:*}"); done

cleanup() {
  local rc=$? ns pid pids i
  trap - EXIT INT TERM
  set +e
  echo "[$PROG $(elapsed "$START")s] cleaning up"
  if [ -n "$CHILD" ]; then kill -TERM "$CHILD" 2>/dev/null; wait "$CHILD" 2>/dev/null; fi
  if [ -n "$T" ] && [ -d "$T/hosts" ]; then
    # a clean stop first (PostgreSQL's fast shutdown), through the control scripts the roles wrote; all at once,
    # as the hosts are independent (one after another took most of a minute)
    for ctl in "$T"/hosts/*/*/bin/*ctl; do
      [ -x "$ctl" ] && timeout 60 "$ctl" stop >/dev/null 2>&1 &
    done
    wait
  fi
  # whatever still runs inside the test namespaces is this test's: TERM, then KILL
  for ns in "${NS_LIST[@]}"; do
    ip netns list 2>/dev/null | grep -qw "^$ns" || continue
    pids="$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')"
    [ -n "$pids" ] && kill -TERM $pids 2>/dev/null
  done
  for i in $(seq 1 20); do
    pids=""
    for ns in "${NS_LIST[@]}"; do pids+="$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')"; done
    [ -z "${pids// /}" ] && break
    sleep 0.5
  done
  for ns in "${NS_LIST[@]}"; do
    pids="$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')"
    [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
    ip netns del "$ns" 2>/dev/null
  done
  ip link del "$BRIDGE" 2>/dev/null
  if [ "$CREATED_USER" = 1 ] && getent passwd facefleet >/dev/null; then
    userdel facefleet 2>/dev/null; getent group facefleet >/dev/null && groupdel facefleet 2>/dev/null
  fi
  if [ -n "$T" ] && [ -d "$T" ]; then
    if [ "$KEEP_FILES" = 1 ] || { [ "$rc" != 0 ] && [ -n "${DEPLOY_TEST_KEEP_ON_FAILURE:-}" ]; }; then
      echo "[$PROG] test folder kept: $T"
    else
      rm -rf "$T"
    fi
  fi
  echo "[$PROG $(elapsed "$START")s] cleaned up (processes, namespaces, bridge$([ "$CREATED_USER" = 1 ] && echo ", user facefleet"))"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# leftovers of a run that was killed before its cleanup (the lock says no other run is going on)
for ns in "${NS_LIST[@]}"; do
  if ip netns list 2>/dev/null | grep -qw "^$ns"; then
    echo "$PROG: removing namespace $ns left by an earlier run"
    pids="$(ip netns pids "$ns" | tr '\n' ' ')"; [ -n "$pids" ] && kill -KILL $pids 2>/dev/null || true
    ip netns del "$ns"
  fi
done
ip link del "$BRIDGE" 2>/dev/null || true

T="$(mktemp -d /var/tmp/facefleet-deploy-test.XXXXXX)"
chmod 0755 "$T"          # the services' users (postgres, redis, facefleet) traverse it
mkdir -p "$T/ssh" "$T/hosts" "$T/library" "$T/logs" "$T/cp"
echo "[$PROG] test folder $T"

# ------------------------------------------------------------------------------------------------ this machine
step "preparing this machine (packages the roles install; the test hosts have no route to a mirror)"
PKGS=(postgresql-15 postgresql-client-15 python3-psycopg2 redis-server redis-tools unzip)
MISSING=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || MISSING+=("$p")
done
if [ "${#MISSING[@]}" -gt 0 ]; then
  echo "  apt-get install ${MISSING[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=300 install --no-install-recommends \
    "${MISSING[@]}" >"$T/logs/apt.log" 2>&1 || { tail -n 20 "$T/logs/apt.log"; die "apt-get install failed"; }
fi
timed "prepare: packages"

export ANSIBLE_CONFIG="$REPO/ansible/ansible.cfg"
export ANSIBLE_SSH_CONTROL_PATH_DIR="$T/cp"
export ANSIBLE_LOCAL_TEMP="$T/ansible-tmp"
export ANSIBLE_RETRY_FILES_ENABLED=0
export ANSIBLE_FORCE_COLOR=0 ANSIBLE_NOCOLOR=1
export ANSIBLE_CALLBACKS_ENABLED=ansible.posix.profile_roles
export PROFILE_TASKS_TASK_OUTPUT_LIMIT=15

VECTOR_CONTROL=/usr/share/postgresql/15/extension/vector.control
if ! grep -qE "default_version = '0\.([89]|[1-9][0-9])" "$VECTOR_CONTROL" 2>/dev/null; then
  # the db host would build pgvector from Debian's source package, but it cannot reach a mirror: run the role's
  # build here (same tasks, this machine's network), installing into the PostgreSQL 15 the db host uses
  step "building pgvector with the role's tasks (this machine lacks pgvector >= 0.8)"
  cat >"$T/pgvector.yml" <<YAML
- name: Build pgvector here
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Build and install pgvector from Debian's source package
      ansible.builtin.include_role:
        name: postgres_pgvector
        tasks_from: pgvector_build.yml
      vars:
        pgvector_build_dir: /var/cache/facefleet/pgvector
YAML
  (cd "$REPO/ansible" && ansible-playbook -i localhost, "$T/pgvector.yml") >"$T/logs/pgvector-build.log" 2>&1 \
    || { tail -n 30 "$T/logs/pgvector-build.log"; die "building pgvector failed"; }
  timed "prepare: pgvector build"
fi

# ------------------------------------------------------------------------------------------------ test hosts
step "creating the test hosts (bridge $BRIDGE $NET.1/24, namespaces, sshd)"
ssh-keygen -q -t ed25519 -N '' -C deploy-test -f "$T/ssh/id_ed25519"
cp "$T/ssh/id_ed25519.pub" "$T/ssh/authorized_keys"
mkdir -p /run/sshd && chmod 0755 /run/sshd
ip link add "$BRIDGE" type bridge
ip addr add "$NET.1/24" dev "$BRIDGE"
ip link set "$BRIDGE" up
: >"$T/ssh/known_hosts"
for h in "${HOSTS[@]}"; do
  name="${h%%:*}" addr="$NET.${h##*:}" ns="$NS_PREFIX${h%%:*}"
  ip netns add "$ns"
  ip link add "ffdt-$name-h" type veth peer name eth0 netns "$ns"
  ip link set "ffdt-$name-h" master "$BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up
  ssh-keygen -q -t ed25519 -N '' -C "deploy-test-$name" -f "$T/ssh/host_$name"
  cat >"$T/ssh/sshd_$name.conf" <<CONF
Port 22
ListenAddress $addr
HostKey $T/ssh/host_$name
PidFile $T/ssh/sshd_$name.pid
AuthorizedKeysFile $T/ssh/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 50:30:100
MaxSessions 50
Subsystem sftp internal-sftp
CONF
  /usr/sbin/sshd -t -f "$T/ssh/sshd_$name.conf" || die "sshd config for $name is invalid"
  ip netns exec "$ns" /usr/sbin/sshd -f "$T/ssh/sshd_$name.conf" -E "$T/logs/sshd_$name.log"
  echo "$addr $(cut -d' ' -f1,2 "$T/ssh/host_$name.pub")" >>"$T/ssh/known_hosts"
done
for h in "${HOSTS[@]}"; do
  addr="$NET.${h##*:}"
  for i in $(seq 1 50); do
    ssh -q -o BatchMode=yes -o ConnectTimeout=2 -o UserKnownHostsFile="$T/ssh/known_hosts" -o StrictHostKeyChecking=yes \
      -i "$T/ssh/id_ed25519" "root@$addr" true 2>/dev/null && break
    [ "$i" = 50 ] && die "cannot ssh to $addr (see $T/logs/sshd_*.log)"
    sleep 0.2
  done
done
timed "test hosts: namespaces + sshd"

# w2's ONNX Runtime: the jar's own CPU libraries, deployed like an operator's ROCm/MIGraphX build
ORT_NATIVE="$T/onnxruntime-native"
mkdir -p "$ORT_NATIVE"
ORT_JAR_ENTRY="$(unzip -Z1 "$WORKER_JAR" | grep -E '^BOOT-INF/lib/onnxruntime-[0-9.]+\.jar$' | head -n1)"
[ -n "$ORT_JAR_ENTRY" ] || die "no BOOT-INF/lib/onnxruntime-*.jar in $WORKER_JAR"
unzip -p "$WORKER_JAR" "$ORT_JAR_ENTRY" >"$T/onnxruntime-cpu.jar"
unzip -q -j "$T/onnxruntime-cpu.jar" 'ai/onnxruntime/native/linux-x64/*' -d "$ORT_NATIVE"
rm -f "$T/onnxruntime-cpu.jar"

if [ "$CUDA" = 1 ]; then
  W2_ORT="worker_onnxruntime_build: cuda
          worker_onnxruntime_cache: ${XDG_CACHE_HOME:-$HOME/.cache}/facefleet/onnxruntime"
  W2_ORT_DIR="cuda-"
else
  W2_ORT="worker_onnxruntime_build: custom
          worker_onnxruntime_custom_native_dir: $ORT_NATIVE
          worker_onnxruntime_custom_name: cpu-from-jar"
  W2_ORT_DIR="cpu-from-jar"
fi

secret() { head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }
DB_PASSWORD="$(secret)"
WORKER_TOKEN="$(secret)"
cat >"$T/inventory.yml" <<YAML
all:
  vars:
    ansible_user: root
    ansible_ssh_private_key_file: $T/ssh/id_ed25519
    ansible_ssh_common_args: -o UserKnownHostsFile=$T/ssh/known_hosts -o StrictHostKeyChecking=yes -o Ciphers=aes128-gcm@openssh.com
    ansible_python_interpreter: /usr/bin/python3
  children:
    database:
      hosts:
        db:
          ansible_host: $NET.11
          postgres_base_dir: $T/hosts/db/postgresql
          pgvector_build_dir: $T/hosts/db/pgvector-build
          redis_base_dir: $T/hosts/db/redis
    redis:
      hosts:
        db:
    scheduler:
      hosts:
        sched:
          ansible_host: $NET.12
          facefleet_install_dir: $T/hosts/sched/facefleet
    workers:
      hosts:
        w1:
          ansible_host: $NET.13
          facefleet_install_dir: $T/hosts/w1/facefleet
          worker_execution_provider: cpu
          worker_count: 1
        w2:
          ansible_host: $NET.14
          facefleet_install_dir: $T/hosts/w2/facefleet
          worker_execution_provider: cpu
          worker_count: 1
          $W2_ORT
YAML
# fleet-wide test settings: extra vars, over ansible/group_vars/all.yml's production defaults
cat >"$T/vars.yml" <<YAML
facefleet_db_password: "$DB_PASSWORD"
facefleet_redis_password: "$(secret)"
facefleet_admin_password: "$(secret)"
facefleet_jobrunr_dashboard_password: "$(secret)"
facefleet_worker_token: "$WORKER_TOKEN"
facefleet_model_pack: dev-512
model_pack_source: copy
facefleet_models_src_dir: $FIXTURES/models
facefleet_library_path: $T/library
java_source: path
java_home: $JAVA_HOME_HOSTS
facefleet_worker_jar_src: $WORKER_JAR
facefleet_scheduler_jar_src: $SCHEDULER_JAR
# the test hosts share /etc/passwd: one useradd at a time
facefleet_user_throttle: 1
scheduler_rescan_interval: 1m
# the test hosts have no route to a mirror: the packages are installed above, apt must not try to update
facefleet_apt_update_cache: false
YAML

run_playbook() { # run_playbook N: runs site.yml, output in logs/playbook-N.log, prints the recap
  local n="$1" rc=0
  # in the background, so that a signal reaches the trap at once (cleanup stops it)
  (cd "$REPO/ansible" && exec ansible-playbook -i "$T/inventory.yml" -e "@$T/vars.yml" site.yml) \
    >"$T/logs/playbook-$n.log" 2>&1 &
  CHILD=$!
  wait "$CHILD" || rc=$?
  CHILD=""
  sed -n '/^PLAY RECAP/,/^$/p' "$T/logs/playbook-$n.log" | sed 's/^/  /'
  if [ "$rc" != 0 ]; then
    echo "---- the end of $T/logs/playbook-$n.log:"; tail -n 60 "$T/logs/playbook-$n.log"
    for f in "$T"/hosts/*/*/logs/*.log; do [ -f "$f" ] && { echo "---- $f"; tail -n 25 "$f"; }; done
    die "ansible-playbook run $n failed (rc $rc)"
  fi
}

# ------------------------------------------------------------------------------------------------ deploy
step "deploying: ansible-playbook site.yml (first run)"
run_playbook 1
timed "deploy: first playbook run"
grep -E "^(ok|changed): \[w[12]\] => \{" -A3 "$T/logs/playbook-1.log" | grep -o '"w[12]: pack.*' | sed 's/^/  /' || true

step "checking the services"
for w in w1:13 w2:14; do
  health="$(curl -sf --noproxy '*' -m 5 "http://$NET.${w##*:}:8081/health")" || die "${w%%:*}: GET /health failed"
  echo "  ${w%%:*} /health: $health"
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d["status"]=="UP" and d["model_pack"]=="dev-512" else 1)' \
    "$health" || die "${w%%:*} is not UP with dev-512"
done
# An API token, as an operator makes one: facefleet token create on the scheduler's host, against its database
API_TOKEN="$(ip netns exec "${NS_PREFIX}sched" env FACEFLEET_DB_HOST="$NET.11" FACEFLEET_DB_USER=facefleet \
  FACEFLEET_DB_NAME=facefleet FACEFLEET_DB_PASSWORD="$DB_PASSWORD" "$JAVA_HOME_HOSTS/bin/java" -jar "$SCHEDULER_JAR" \
  token create --role viewer --name deploy-test 2>/dev/null)" || die "facefleet token create failed"
api() { curl -sf --noproxy '*' -m 10 -H "Authorization: Bearer $API_TOKEN" "http://$NET.12:8080$1"; }
[ "$(curl -s -o /dev/null -w '%{http_code}' --noproxy '*' -m 5 "http://$NET.12:8080/api/config")" = 401 ] \
  || die "scheduler: GET /api/config without a token should be 401"
api /api/config >/dev/null || die "scheduler: GET /api/config with a viewer token failed"
echo "  scheduler /api/config: 401 without a token, 200 with one"
[ "$(curl -s -o /dev/null -w '%{http_code}' --noproxy '*' -m 5 -X POST "http://$NET.13:8081/detect")" = 401 ] \
  || die "w1: POST /detect without the worker token should be 401"
echo "  w1 /detect: 401 without the worker token"
# w2 must run the ONNX Runtime build the role put into its lib/onnxruntime/<name>/, not the jar's copy
W2_PID="$(cat "$T/hosts/w2/facefleet/run/facefleet-worker.child.pid")"
grep -q "$T/hosts/w2/facefleet/lib/onnxruntime/$W2_ORT_DIR[^/]*/libonnxruntime.so" "/proc/$W2_PID/maps" \
  || die "w2 (pid $W2_PID) did not load libonnxruntime.so from lib/onnxruntime/$W2_ORT_DIR*"
echo "  w2 loaded $(grep -o "$T/hosts/w2/facefleet/lib/onnxruntime/[^ ]*/libonnxruntime.so" "/proc/$W2_PID/maps" | head -n1)"
if [ "$CUDA" = 1 ]; then
  grep -q "available: \[.*CUDA" "$T/hosts/w2/facefleet/logs/facefleet-worker.log" \
    || die "w2 does not list CUDA among ONNX Runtime's providers: the GPU build was not loaded"
  echo "  w2: $(grep -o 'available: \[[^]]*\]' "$T/hosts/w2/facefleet/logs/facefleet-worker.log" | head -n1)"
fi
W1_PID="$(cat "$T/hosts/w1/facefleet/run/facefleet-worker.child.pid")"
if grep -q "/lib/onnxruntime/" "/proc/$W1_PID/maps"; then die "w1 should run the jar's own ONNX Runtime"; fi
timed "checks: health, ONNX Runtime builds"

# ------------------------------------------------------------------------------------------------ a video
step "registering a video: copying obama_whcd_hk.mp4 into the library"
cp "$VIDEO" "$T/library/obama_whcd_hk.mp4"
chmod 0644 "$T/library/obama_whcd_hk.mp4"
VIDEO_START=$(date +%s.%N)
STATUS="" LAST=""
while :; do
  waited="$(elapsed "$VIDEO_START")"
  videos="$(api /api/videos || echo '{"items": []}')"
  STATUS="$(python3 -c '
import json, sys
for v in json.loads(sys.argv[1])["items"]:
    if v["path"].endswith("/obama_whcd_hk.mp4"):
        print(v["status"], v.get("track_count", "?"), v.get("duration_seconds", "?"), (v.get("error") or "").replace(" ", "_"))
        break' "$videos")"
  if [ "${STATUS%% *}" != "$LAST" ]; then
    echo "  after ${waited}s: ${STATUS:-not registered yet}"
    LAST="${STATUS%% *}"
  fi
  case "${STATUS%% *}" in
    done) break ;;
    failed) die "the video failed: $STATUS" ;;
  esac
  # The scheduler's library watcher must register it (a rescan would, but only every few minutes).
  if [ -z "$STATUS" ] && awk -v w="$waited" 'BEGIN {exit !(w > 30)}'; then
    tail -n 20 "$T/hosts/sched/facefleet/logs/facefleet-scheduler.log"
    die "the scheduler's library watcher did not register the video within 30 s"
  fi
  awk -v w="$waited" -v t="$VIDEO_TIMEOUT" 'BEGIN {exit !(w > t)}' && {
    for f in "$T"/hosts/*/facefleet/logs/*.log; do echo "---- $f"; tail -n 20 "$f"; done
    die "the video is not done after ${VIDEO_TIMEOUT}s (last status: ${STATUS:-not registered})"
  }
  sleep 1
done
read -r _ FACES DURATION _ <<<"$STATUS"
BY="$(grep -l "obama_whcd_hk.mp4" "$T"/hosts/w*/facefleet/logs/facefleet-worker.log 2>/dev/null | sed 's:.*/hosts/\([^/]*\)/.*:\1:' | tr '\n' ' ')"
echo "  done: $FACES face tracks in a ${DURATION}s video, processed by ${BY:-?}"
timed "video: copied -> status done"

# ------------------------------------------------------------------------------------------------ idempotency
step "deploying again: ansible-playbook site.yml (second run must change nothing)"
run_playbook 2
timed "deploy: second playbook run"
if grep -E '^[a-z0-9]+ +: ok=' "$T/logs/playbook-2.log" | grep -vq 'changed=0 '; then
  grep -E '^(changed):' "$T/logs/playbook-2.log" | sed 's/^/  /'
  die "the second run changed something"
fi
grep -qE '^[a-z0-9]+ +: ok=' "$T/logs/playbook-2.log" || die "no PLAY RECAP in the second run"
echo "  changed=0 on every host"

step "passed"
echo "Timings:"
printf '  %s\n' "${TIMINGS[@]}"
printf '  %-44s %6.1f s\n' "total" "$(elapsed "$START")"
