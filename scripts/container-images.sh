#!/usr/bin/env bash
# Makes, with podman, the public base images that docker/*/Dockerfile and compose.yaml start from, for a machine
# that cannot reach a container registry: Debian root file systems made with debootstrap from the Debian mirror,
# imported into podman, and stand-ins built on them, tagged with the public names:
#   docker.io/library/debian:bookworm-slim, docker.io/library/debian:trixie-slim   debootstrap --variant=minbase
#   docker.io/library/eclipse-temurin:21-jre   trixie's OpenJDK 21 JRE at /opt/java/openjdk
#   docker.io/pgvector/pgvector:pg15           bookworm's PostgreSQL 15 + pgvector from trixie's source package
#   docker.io/library/redis:7                  bookworm's Redis 7
# Idempotent: an image that exists is kept (--rebuild makes them all again). Where a registry can be reached,
# none of this is needed: docker/podman pull the real images.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIRROR="${FACEFLEET_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/facefleet/containers"
BASE="$ROOT/docker/base"
# Debian's podman 4.3 on this kind of host needs runc and lowered limits (see the file).
export CONTAINERS_CONF="${CONTAINERS_CONF:-$ROOT/docker/podman/containers.conf}"

BOOKWORM=docker.io/library/debian:bookworm-slim
TRIXIE=docker.io/library/debian:trixie-slim
JRE=docker.io/library/eclipse-temurin:21-jre
PGVECTOR=docker.io/pgvector/pgvector:pg15
REDIS=docker.io/library/redis:7

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  echo
  echo "Usage: scripts/container-images.sh [--rebuild]"
  echo "Needs root, podman and debootstrap (installed with apt-get when missing). FACEFLEET_DEBIAN_MIRROR names"
  echo "the mirror ($MIRROR); root file systems are cached in ${CACHE/#$HOME/\~}."
}

rebuild=0
case "${1:-}" in
  "") ;;
  --rebuild) rebuild=1 ;;
  -h|--help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

say() { echo "container-images: $*"; }
die() { echo "container-images: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap and rootful podman)"
missing=()
command -v podman >/dev/null || missing+=(podman runc)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=300 --no-install-recommends install \
    "${missing[@]}" >/dev/null
fi

wanted() { [ "$rebuild" = 1 ] || ! podman image exists "$1"; }

debian_image() { # debian_image SUITE NAME: a minbase root file system, trimmed, imported as NAME
  local suite="$1" name="$2" rootfs="$CACHE/rootfs-$1"
  wanted "$name" || { say "$name is there"; return 0; }
  if [ ! -d "$rootfs" ]; then
    say "debootstrap $suite from $MIRROR (a minute or two)"
    mkdir -p "$CACHE"
    rm -rf "$rootfs.tmp"
    debootstrap --variant=minbase "$suite" "$rootfs.tmp" "$MIRROR" >"$CACHE/debootstrap-$suite.log" 2>&1 \
      || die "debootstrap $suite failed; see $CACHE/debootstrap-$suite.log"
    mv "$rootfs.tmp" "$rootfs"
  fi
  say "importing $name"
  tar -C "$rootfs" --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' \
      --exclude='./usr/share/doc/*' --exclude='./usr/share/man/*' --exclude='./usr/share/locale/*' \
      --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' -c . \
    | podman import -q --change 'CMD ["bash"]' - "$name" >/dev/null
}

built_image() { # built_image NAME CONTAINERFILE: built from docker/base
  local name="$1" file="$2"
  wanted "$name" || { say "$name is there"; return 0; }
  say "building $name from docker/base/$file"
  podman build --pull=never --build-arg DEBIAN_MIRROR="$MIRROR" -t "$name" -f "$BASE/$file" "$BASE" \
    >"$CACHE/build-$file.log" 2>&1 || { tail -n 20 "$CACHE/build-$file.log" >&2; die "building $name failed"; }
}

mkdir -p "$CACHE"
debian_image bookworm "$BOOKWORM"
debian_image trixie "$TRIXIE"
built_image "$JRE" temurin-jre.Containerfile
built_image "$PGVECTOR" pgvector.Containerfile
built_image "$REDIS" redis.Containerfile
podman images --format '{{.Repository}}:{{.Tag}}  {{.Size}}' \
  | grep -E "^($BOOKWORM|$TRIXIE|$JRE|$PGVECTOR|$REDIS) " | sed 's/^/  /'
