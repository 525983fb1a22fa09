#!/usr/bin/env bash
# Screenshot an HTML file (e.g. a rendered brief) with headless Chromium, to look at it as a reader would.
# Usage: scripts/screenshot.sh brief.html [out.png] [width] [height]
# Needs chromium (apt-get install chromium fonts-noto-core fonts-noto-extra). No network is used:
# the brief is standalone and background networking, sync and component updates are switched off.
set -euo pipefail
if [[ $# -lt 1 || ! -f "$1" ]]; then
  echo "usage: $0 FILE.html [OUT.png] [WIDTH] [HEIGHT]" >&2
  exit 2
fi
in="$(realpath "$1")"
out="$(realpath -m "${2:-${1%.*}.png}")"
width="${3:-1200}"
height="${4:-2400}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
  echo "chromium not found: apt-get install -y chromium fonts-noto-core fonts-noto-extra" >&2
  exit 1
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --window-size="${width},${height}" \
  --screenshot="$out" "file://$in" >/dev/null 2>&1
echo "$out"
