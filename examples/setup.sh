#!/bin/sh
# One command from a fresh Debian 12: install what galley needs, build it,
# and convert the bundled example release into every output format.
#   sh examples/setup.sh        (as root, or as a user with sudo)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
sh "$top/cmake/install-deps.sh"
cmake -S "$top" -B "$top/build" -DGALLEY_TESTS=OFF
cmake --build "$top/build" -j "$(nproc)"
out="$top/examples/out"
mkdir -p "$out"
for src in "$top"/examples/releases/*.txt "$top"/examples/releases/*.html; do
  [ -e "$src" ] || continue
  name=$(basename "$src"); kind=${name##*.}; name=${name%.*}
  mkdir -p "$out/$kind"
  for fmt in $("$top/build/galley" --list-output-formats); do
    ext=$fmt
    case $fmt in md|gfm) continue ;; markdown) ext=md ;; tei) ext=tei.xml ;; esac
    "$top/build/galley" -t "$fmt" -o "$out/$kind/$name.$ext" "$src"
    echo "wrote $out/$kind/$name.$ext"
  done
done
