#!/bin/bash
# headers.sh INCLUDE_DIR CC CXX — every public header compiles alone, first
# thing in a file, with -Wall -Wextra -pedantic -Werror as C99 and as C++
# (self-contained: it includes what it uses; C++-safe: extern "C", no C-only
# syntax), and is guarded against being included twice.
set -u
inc=$1 cc=$2 cxx=$3
fail() { echo "FAIL [sdk.headers]: $*" >&2; exit 1; }
command -v "$cxx" >/dev/null || { echo "SKIP [sdk.headers]: no C++ compiler ($cxx)"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/galley-headers.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
for h in $(cd "$inc" && find galley -name '*.h' | sort); do
	printf '#include <%s>\n#include <%s>\nint galley_header_test_%d;\n' "$h" "$h" "$n" >"$work/t.c"
	cp "$work/t.c" "$work/t.cpp"
	"$cc" -std=c99 -Wall -Wextra -pedantic -Werror -fsyntax-only -I"$inc" "$work/t.c" 2>"$work/err" ||
		{ cat "$work/err" >&2; fail "$h does not compile alone as C99"; }
	"$cxx" -std=c++11 -Wall -Wextra -pedantic -Werror -fsyntax-only -I"$inc" "$work/t.cpp" 2>"$work/err" ||
		{ cat "$work/err" >&2; fail "$h does not compile alone as C++11"; }
	n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n headers found in $inc"
echo "$n headers compile alone as C99 and C++11: ok"
