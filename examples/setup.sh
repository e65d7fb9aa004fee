#!/bin/sh
# One command from a fresh Debian 12: install what galley needs, build it,
# install it (default /usr/local, so `galley` and `man galley` work as typed;
# GALLEY_PREFIX=DIR to choose another prefix), and convert the bundled
# example releases into every output format (examples/out/txt/, examples/out/html/).
#   sh examples/setup.sh        (as root, or as a user with sudo)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
prefix=${GALLEY_PREFIX:-/usr/local}
if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
[ "${GALLEY_SKIP_DEPS:-}" = 1 ] || sh "$top/cmake/install-deps.sh"
cmake -S "$top" -B "$top/build" -DGALLEY_TESTS=OFF
cmake --build "$top/build" -j "$(nproc)"
$sudo cmake --install "$top/build" --prefix "$prefix"
# sudo leaves root-owned files in build/ (install_manifest.txt): give them back.
[ -z "$sudo" ] || $sudo chown -R "$(id -u):$(id -g)" "$top/build"
g=$prefix/bin/galley
out="$top/examples/out"
mkdir -p "$out"
for src in "$top"/examples/releases/*.txt "$top"/examples/releases/*.html; do
  [ -e "$src" ] || continue
  name=$(basename "$src"); kind=${name##*.}; name=${name%.*}
  mkdir -p "$out/$kind"
  for fmt in $("$g" --list-output-formats); do
    ext=$fmt
    case $fmt in md|gfm) continue ;; markdown) ext=md ;; tei) ext=tei.xml ;; esac
    "$g" -t "$fmt" -o "$out/$kind/$name.$ext" "$src"
    echo "wrote $out/$kind/$name.$ext"
  done
done
echo
if [ "$(command -v galley 2>/dev/null)" = "$g" ]; then
  echo "galley $("$g" --version | cut -d' ' -f2) is installed as $g: try 'galley --help' and 'man galley'."
else
  echo "galley is installed as $g, which is not first on your PATH: run it as $g (or add $prefix/bin to PATH)."
fi
