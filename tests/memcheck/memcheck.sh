#!/bin/bash
# memcheck.sh INPUT FORMAT [GALLEY ARGS...] — one conversion by the galley
# command under valgrind memcheck: no invalid access, no use of undefined
# values, nothing definitely or indirectly lost. Environment: GALLEY, TESTTMP.
# With FORMAT "batch" the conversion is 'galley batch -t md,tei,json,docx,epub'.
set -u
input=$1 fmt=$2; shift 2
command -v valgrind >/dev/null || { echo "SKIP: valgrind is not installed"; exit 77; }
mkdir -p "$TESTTMP" && work=$(mktemp -d "$TESTTMP/mc.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
	--show-leak-kinds=definite,indirect --track-origins=yes --num-callers=30)
if [ "$fmt" = batch ]; then
	# galley executes the program galley-batch, which allocates with
	# jemalloc: valgrind follows the exec and puts its own allocator in
	# jemalloc's place, so leaks are still seen
	"${vg[@]}" --trace-children=yes --soname-synonyms='somalloc=*jemalloc*' "$GALLEY" batch -j 2 -t md,tei,json,docx,epub -o "$work/dest" "$@" "$input" 2>"$work/err"
else
	"${vg[@]}" "$GALLEY" "$@" "$input" -t "$fmt" -o "$work/out.$fmt" 2>"$work/err"
fi
rc=$?
cat "$work/err" >&2
[ "$rc" = 99 ] && { echo "FAIL: memcheck found errors or leaks" >&2; exit 1; }
[ "$rc" = 0 ] || { echo "FAIL: exit $rc" >&2; exit 1; }
grep -q '^==[0-9]*==' "$work/err" && { echo "FAIL: valgrind reported" >&2; exit 1; }
exit 0
