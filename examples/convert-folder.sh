#!/bin/sh
# convert-folder.sh SRC DEST [FORMAT...] — convert every .txt/.html/.htm release
# under SRC into DEST (same relative paths), one galley run per file and
# format, keeping going past failures and listing them at the end. Exit 1
# when any file failed. (galley batch will do this in one process.)
set -u
[ $# -ge 2 ] || { echo "usage: $0 SRC DEST [FORMAT...]" >&2; exit 2; }
src=$1 dest=$2; shift 2
[ $# -gt 0 ] || set -- markdown tei json
galley=${GALLEY:-galley}
failed=0
list=$(mktemp) && trap 'rm -f "$list"' EXIT
find "$src" -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' \) >"$list"
while IFS= read -r f; do
  rel=${f#"$src"/}; base=${rel%.*}
  mkdir -p "$dest/$(dirname "$rel")"
  for fmt in "$@"; do
    case $fmt in markdown|md|gfm) ext=md ;; tei) ext=tei.xml ;; *) ext=$fmt ;; esac
    if ! "$galley" -q -t "$fmt" -o "$dest/$base.$ext" "$f"; then
      failed=$((failed + 1))
    fi
  done
done <"$list"
[ "$failed" = 0 ] || { echo "$failed conversion(s) failed" >&2; exit 1; }
