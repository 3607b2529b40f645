#!/usr/bin/env bash
# Headless Chromium and its WebDriver for the dashboard's browser tests (Debian's chromium, chromium-driver).
# Idempotent: where both are installed it only checks (well under a second).
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
command -v apt-get >/dev/null 2>&1 || { echo "browser: need chromium and chromedriver and there is no apt-get here" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else echo "browser: installing chromium needs root: $*" >&2; exit 1
  fi
}
echo "browser: apt-get install chromium chromium-driver" >&2
candidate="$(apt-cache policy chromium-driver 2>/dev/null | awk '/Candidate:/ && !c++ {print $2}' || true)"
if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
  as_root apt-get -q update >/dev/null
fi
as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=300 --no-install-recommends \
  install chromium chromium-driver >/dev/null
command -v chromium >/dev/null && command -v chromedriver >/dev/null
