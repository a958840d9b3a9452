#!/usr/bin/env bash
# Screenshot of the PACKAGED app under Xvfb, on Qt's xcb platform (so it also proves
# the bundle's xcb plugin loads): the self-test's window with the search
# "Mississippi raids" on the bundled sample, the seed article open, a passage selected.
#   bash packaging/screenshot.sh [dist/newsfind/newsfind] [screenshots/packaged-search.png]
# Needs Debian xvfb, xauth and imagemagick (import).
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-dist/newsfind/newsfind}
out=${2:-screenshots/packaged-search.png}
mkdir -p "$(dirname "$out")"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
QT_QPA_PLATFORM=xcb NEWSFIND_SELFTEST_PAUSE=6 app="$app" out="$out" log="$log" \
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$app" --self-test >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do grep -q "^paused" "$log" && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  sleep 1.5
  grep -q "^paused" "$log" && import -window root "$out"
  wait $pid'
status=$?
cat "$log"
[ -f "$out" ] && echo "screenshot: $out"
exit $status
