#!/bin/sh
# convert-folder.sh SRC DEST [FORMAT...] — convert every .txt/.html/.htm release
# under SRC into DEST (same relative paths), one galley run per file and
# format, keeping going past failures and listing each failed file at the
# end. Exit 1 when any conversion failed, 2 on a usage error. Formats default
# to markdown, tei and json. (galley batch does this in one process.)
#
# Outputs never overwrite each other: a.txt gives DEST/a.md, but when a
# folder holds releases that share a name (a.txt and a.html), each keeps its
# own extension (DEST/a.txt.md, DEST/a.html.md). An output that already
# exists in DEST is replaced only by a successful conversion.
set -u
[ $# -ge 2 ] || { echo "usage: $0 SRC DEST [FORMAT...]" >&2; exit 2; }
. "$(dirname "$0")/find-galley.sh"
src=${1%/} dest=${2%/}; shift 2
[ -d "$src" ] || { echo "$0: $src: not a folder" >&2; exit 2; }
[ $# -gt 0 ] || set -- markdown tei json
failed=0
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
find "$src" -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' \) | LC_ALL=C sort >"$tmp/list"
# Stems (path less extension) held by more than one release.
sed 's/\.[^./]*$//' "$tmp/list" | uniq -d >"$tmp/shared"
while IFS= read -r f; do
  rel=${f#"$src"/}; base=${rel%.*}
  if grep -qxF "${f%.*}" "$tmp/shared"; then base=$rel; fi
  mkdir -p "$dest/$(dirname "$rel")" || { failed=$((failed + 1)); echo "$f" >>"$tmp/failed"; continue; }
  for fmt in "$@"; do
    case $fmt in markdown|md|gfm) ext=md ;; tei) ext=tei.xml ;; *) ext=$fmt ;; esac
    if ! "$galley" -q -t "$fmt" -o "$dest/$base.$ext" "$f"; then
      failed=$((failed + 1))
      echo "$f ($fmt)" >>"$tmp/failed"
    fi
  done
done <"$tmp/list"
if [ "$failed" != 0 ]; then
  echo "$failed conversion(s) failed:" >&2
  sed 's/^/  /' "$tmp/failed" >&2
  exit 1
fi
