#!/bin/sh
# run.sh GALLEY [CORPUS] — galley batch over the readability corpus's pages
# as one zip, to every built-in output format, with -j 1 and -j 2 (wall and
# CPU time, best of 3 rounds), against xmllint --html --noout over the same
# pages in one process (the parse floor). A benchmark: never a ctest test.
set -eu
galley=$1
corpus=${2:-$(dirname "$0")/../../../../shared/corpora/readability/test-pages}
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 77; }
command -v python3 >/dev/null || { echo "no python3" >&2; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/galley-bench-batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The pages as one zip: PAGE.html at its root.
python3 - "$corpus" "$tmp/pages.zip" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for d in sorted(os.listdir(src)):
        p = os.path.join(src, d, 'source.html')
        if os.path.isfile(p):
            z.write(p, d + '.html')
PY
mkdir "$tmp/pages" && (cd "$tmp/pages" && unzip -q ../pages.zip)
n=$(ls "$tmp/pages" | wc -l)
# Every writer once, by its own name (aliases such as gfm left out).
formats=$("$galley" --list-plugins | cut -f4 | tr , '\n' | sed -n 's/^writer://p' | sort | paste -sd, -)
# best CMD...: the best of 3 rounds, "WALL USER+SYS" in seconds.
best() {
	b=
	for r in 1 2 3; do
		rm -rf "$tmp/out"
		/usr/bin/time -f '%e %U %S' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
		t=$(awk '{ printf "%.3f %.3f", $1, $2 + $3 }' "$tmp/t")
		if [ -z "$b" ] || [ "$(echo "$t $b" | awk '{ print ($1 < $3) }')" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
floor=$(best sh -c "xmllint --html --noout $tmp/pages/*.html")
j1=$(best "$galley" batch -j 1 -q -t "$formats" -o "$tmp/out" "$tmp/pages.zip")
j2=$(best "$galley" batch -j 2 -q -t "$formats" -o "$tmp/out" "$tmp/pages.zip")
echo "$n pages, formats $formats, $(nproc) processors (best of 3)"
echo "$floor" | awk '{ printf "xmllint --html --noout: %6.3f s wall %6.3f s CPU\n", $1, $2 }'
echo "$j1" | awk '{ printf "galley batch -j 1:      %6.3f s wall %6.3f s CPU\n", $1, $2 }'
echo "$j2" | awk '{ printf "galley batch -j 2:      %6.3f s wall %6.3f s CPU\n", $1, $2 }'
echo "$floor $j1 $j2" | awk '{ printf "-j 1 / floor: %.2fx wall; -j 1 / -j 2: %.2fx wall, CPU -j 2 / -j 1: %.2fx\n", $3 / $1, $3 / $5, $6 / $4 }'
# Peak RSS: the pages once, and 15 times over (distinct names), with -j 2.
mkdir "$tmp/many"
for r in $(seq 1 15); do for f in "$tmp"/pages/*.html; do ln "$f" "$tmp/many/r${r}_$(basename "$f")"; done; done
rss() {
	rm -rf "$tmp/out"
	/usr/bin/time -f '%M' -o "$tmp/t" "$galley" batch -j 2 -q -t "$formats" -o "$tmp/out" "$1" >/dev/null 2>&1 || true
	cat "$tmp/t"
}
one=$(rss "$tmp/pages"); many=$(rss "$tmp/many")
echo "$one $many $n" | awk '{ printf "peak RSS: %d pages %d KiB, %d pages %d KiB (%+.0f%%)\n", $3, $1, $3 * 15, $2, ($2 / $1 - 1) * 100 }'
