# find-galley.sh — sourced by the example scripts: sets $galley to the galley
# to run: $GALLEY when set, else the build of the checkout these scripts are
# in (build/galley), else the galley on PATH.
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${GALLEY:-}" ]; then
  galley=$GALLEY
elif [ -x "$here/../build/galley" ]; then
  galley=$here/../build/galley
elif command -v galley >/dev/null 2>&1; then
  galley=galley
else
  echo "$(basename "$0"): galley not found: run sh examples/setup.sh, or set GALLEY=/path/to/galley" >&2
  exit 2
fi
