#!/bin/bash
# healthcheck PORT PATH [FALLBACK]: healthy (exit 0) when GET http://127.0.0.1:PORT/PATH answers 200. Where PATH is
# not served (404), FALLBACK names a path whose any answer below 500 counts: the server is up. Plain bash
# (/dev/tcp), so the images need no curl.
set -u
port="$1" path="$2" fallback="${3:-}"

status_of() { # prints the HTTP status of GET $1, or 000 when there is no answer within 5 s
  local line
  if exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
    IFS=' ' read -r -t 5 _ code _ <&3 || code=000
    exec 3<&-
    echo "${code:-000}"
  else
    echo 000
  fi
}

code="$(status_of "$path")"
[ "$code" = 200 ] && exit 0
if [ "$code" = 404 ] && [ -n "$fallback" ]; then
  code="$(status_of "$fallback")"
  [ "$code" != 000 ] && [ "$code" -lt 500 ] && exit 0
fi
echo "GET $path: ${code/#000/no answer}" >&2
exit 1
