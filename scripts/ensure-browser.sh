#!/usr/bin/env bash
# What `make test` needs from the system besides Python: Debian's Chromium (the browser tests drive
# it through Playwright, which never downloads a browser) and fonts with Chinese and OpenType MATH
# coverage (screenshots of Chinese text and MathML). Installs what is missing with apt-get, as root
# or through password-less sudo; otherwise stops with the one command to run. Exit 0 when all is there.
set -euo pipefail

chromium="${CHROMIUM:-/usr/bin/chromium}"
need=()
[ -x "$chromium" ] || need+=(chromium)
fonts="$(fc-list 2>/dev/null || true)"
grep -qi "wenquanyi" <<<"$fonts" || need+=(fonts-wqy-microhei)
grep -qi "Math TeX Gyre" <<<"$fonts" || need+=(fonts-dejavu-extra)
[ ${#need[@]} -eq 0 ] && exit 0

command="apt-get install -y ${need[*]}"
if [ "$chromium" != /usr/bin/chromium ] && [ ! -x "$chromium" ]; then
  echo "make test: CHROMIUM=$chromium is not an executable; unset it to use Debian's chromium" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "make test needs Chromium and fonts with Chinese and math coverage (Debian: $command);" \
       "install them with your package manager and set CHROMIUM=/path/to/chromium" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "make test needs ${need[*]}: run 'sudo $command', then make test again" >&2
  exit 1
fi
echo "make test: installing ${need[*]} with apt-get" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
