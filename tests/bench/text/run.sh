#!/bin/sh
# Benchmark the text reader on generated releases of 12.5, 25 and 50 MB:
# if reading is linear, MB/s stays about the same as the size doubles.
#   tests/bench/text/run.sh [BUILD_DIR]      (default: build)
# Needs a Release or RelWithDebInfo build without sanitizers.
set -e
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
cmake --build "$build" --target bench-text galley-cli >/dev/null
bench=$(find "$build" -name bench-text -type f | head -n 1)
tmp=${TMPDIR:-/tmp}/galley-bench-text
mkdir -p "$tmp"
for mb in 12.5 25 50; do
  [ -f "$tmp/release-$mb.txt" ] || python3 "$here/gen_release.py" "$mb" "$tmp/release-$mb.txt"
  "$bench" "$tmp/release-$mb.txt" 3
done
# End to end, with the JSON writer and file output (GNU time, from Debian's
# "time" package that install-deps.sh --tests installs, also gives the peak
# memory; without it only the time is shown):
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "galley -f text -t json (50 MB): %e s, %M KiB max RSS" \
    "$build/galley" -f text -t json -o "$tmp/release-50.json" "$tmp/release-50.txt"
else
  echo "galley -f text -t json (50 MB), no /usr/bin/time for the peak memory:"
  time "$build/galley" -f text -t json -o "$tmp/release-50.json" "$tmp/release-50.txt"
fi
