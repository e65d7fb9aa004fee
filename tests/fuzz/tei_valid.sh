#!/bin/sh
# tei_valid.sh GALLEY CORPUS... — after fuzz_tei has grown a corpus, write
# every input that the json reader accepts as TEI with the galley command and
# validate all of the outputs against tei_all in one jing run (fuzz_tei can
# only check well-formedness in-process). Exit 0 when all are valid, 1 when
# one is not (each failing input is named), 77 when jing or the schema is missing.
#   sh tests/fuzz/tei_valid.sh build/galley /tmp/corpus/tei
set -u
[ $# -ge 2 ] || { echo "usage: tei_valid.sh GALLEY CORPUS..." >&2; exit 2; }
galley=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
shared=${GALLEY_SHARED_DIR:-$here/../../../shared}
schema=${GALLEY_SCHEMAS:-$shared/schemas}/tei/tei_all.rng
command -v jing >/dev/null 2>&1 || { echo "tei_valid: jing is missing (apt-get install jing)"; exit 77; }
[ -f "$schema" ] || { echo "tei_valid: no $schema (the ../shared folder)"; exit 77; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=0 refused=0
for dir; do
  for f in "$dir"/* "$dir"/.[!.]*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    # inputs the json reader refuses write nothing; that is fine here
    "$galley" -q -f json -t tei -o "$out/$n.tei.xml" "$f" 2>/dev/null || { refused=$((refused + 1)); rm -f "$out/$n.tei.xml"; continue; }
    printf '%s\t%s\n' "$n.tei.xml" "$f" >> "$out/index"
  done
done
[ -f "$out/index" ] || { echo "tei_valid: no input was read ($n refused)"; exit 1; }
written=$(wc -l < "$out/index")
# one JVM for all files: jing names each failing file in its messages
(cd "$out" && jing "$schema" $(cut -f1 index)) > "$out/jing.log" 2>&1
# (jing names files by their absolute path)
grep -v '^\[warning\] .*jing: Unable to locate' "$out/jing.log" | sed "s|^$out/||" > "$out/errors"
if [ -s "$out/errors" ]; then
  bad=$(sed -n 's/^\([0-9]*\.tei\.xml\):.*/\1/p' "$out/errors" | sort -u)
  for b in $bad; do
    printf 'INVALID %s:\n' "$(grep "^$b	" "$out/index" | cut -f2)"
    grep "^$b:" "$out/errors" | head -5
  done
  # anything jing said that names no file
  grep -v '^[0-9]*\.tei\.xml:' "$out/errors" | head -5
  echo "tei_valid: $(echo "$bad" | grep -c .) of $written outputs invalid ($refused inputs refused)"
  exit 1
fi
echo "tei_valid: all $written outputs valid against tei_all ($refused inputs refused)"
