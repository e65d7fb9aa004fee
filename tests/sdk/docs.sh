#!/bin/bash
# docs.sh INCLUDE_DIR GUIDE CMAKE_CONFIG — docs/PLUGINS.md against the headers: every
# function of the plugin SDK (galley/sys/*.h and the parts of the API a
# plugin uses: common, buffer, tree, meta, builder, iter) is documented in
# it, every header of the installed tree is in its table, and every
# galley_* function it names exists (no documentation of a removed call).
set -u
inc=$1 guide=$2 config=$3
fail() { echo "FAIL [sdk.docs]: $*" >&2; exit 1; }
[ -f "$guide" ] || fail "no $guide"
sdk=$(cd "$inc" && ls galley/sys/*.h galley/common.h galley/buffer.h galley/tree.h galley/meta.h galley/builder.h galley/iter.h)
# Declared functions: GALLEY_EXTERN prototypes and static inline ones.
funcs() {
	sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/ /g' "$@" | grep -oE '(GALLEY_EXTERN|static inline)[^;{]*\(' |
		grep -oE 'galley_[a-z0-9_]+ *\($' | tr -d '( ' | sort -u
}
missing=0 n=0
for f in $(cd "$inc" && funcs $sdk); do
	n=$((n + 1))
	grep -qF "\`$f\`" "$guide" || grep -qE "\`$f\(" "$guide" || { echo "not documented: $f" >&2; missing=$((missing + 1)); }
done
[ "$n" -gt 100 ] || fail "only $n SDK functions found in the headers"
[ "$missing" = 0 ] || fail "$missing SDK functions are not in $(basename "$guide")"
for h in $(cd "$inc" && find galley -name '*.h' | sort); do
	grep -qF "\`<$h>\`" "$guide" || fail "header $h is not in the guide's table"
done
all=$(cd "$inc" && find galley -name '*.h' -exec cat {} + | grep -oE 'galley_[a-z0-9_]+' | sort -u)
for f in $(grep -oE '`galley_[a-z0-9_]+(\(|`)' "$guide" | grep -oE 'galley_[a-z0-9_]+' | sort -u); do
	grep -qx "$f" <<<"$all" || grep -q "^ *function($f " "$config" ||
		fail "the guide names $f, which no header declares (nor the CMake package)"
done
# Every macro it names (GALLEY_...) exists too.
allm=$(cd "$inc" && find galley -name '*.h' -exec cat {} + | grep -oE 'GALLEY_[A-Z0-9_]+' | sort -u)
for m in $(grep -oE '`GALLEY_[A-Z0-9_]+' "$guide" | tr -d '`' | sort -u); do
	grep -qx "$m" <<<"$allm" || grep -qE "set(_and_check)?\($m " "$config" ||
		fail "the guide names $m, which no header defines (nor the CMake package)"
done
echo "$n SDK functions documented, every header listed, every name in the guide exists: ok"
