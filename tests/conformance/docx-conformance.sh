#!/usr/bin/env bash
# docx-conformance.sh SHARED WORKDIR GALLEY FILE... — DOCX output through the ECMA-376
# transitional schemas (SHARED/tools/validate docx): every FILE given (the text, html and json
# fixtures and the seed release in both renderings), every page of SHARED/corpora/readability
# and every release of SHARED/corpora/releases-text, all validated in ONE validate run, then
# the element order and package rules of each (tests/docx/docx_order.py).
# Exit 0 pass, 1 fail, 77 skipped (with the reason) when a validator or the shared folder is missing.
set -u
shared=$1 work=$2 galley=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAIL: $*"; status=1; }
status=0

[ -x "$shared/tools/validate" ] || skip "$shared/tools/validate is missing (the shared folder is not beside the repository)"
[ -f "${GALLEY_SCHEMAS:-$shared/schemas}/ooxml/wml-offline.xsd" ] || skip "the ECMA-376 schemas are missing from $shared/schemas/ooxml"
command -v xmllint >/dev/null 2>&1 || skip "xmllint is missing (apt-get install libxml2-utils)"
command -v unzip >/dev/null 2>&1 || skip "unzip is missing (apt-get install unzip)"
pages=$shared/corpora/readability/test-pages
texts=$shared/corpora/releases-text
[ -d "$pages" ] || skip "$pages is missing"
[ -d "$texts" ] || skip "$texts is missing"

rm -rf "$work"
mkdir -p "$work" || exit 3
n=0
convert() { # OUT-NAME ARGS...
	local name=$1
	shift
	n=$((n + 1))
	"$galley" -q -t docx -o "$work/$name.docx" "$@" || fail "galley could not convert $*"
}
for f; do
	convert "$(basename "$(dirname "$f")")-$(basename "$f")" "$f"
done
for d in "$pages"/*/; do
	[ -f "$d/source.html" ] && convert "readability-$(basename "$d")" -f html "$d/source.html"
done
for f in "$texts"/*.txt; do
	convert "releases-text-$(basename "$f" .txt)" -f text "$f"
done
echo "converted $n document(s)"
out=$("$shared/tools/validate" docx "$work"/*.docx 2>&1)
rc=$?
bad=$(echo "$out" | grep -v ': ok (docx')
if [ $rc -ne 0 ] || [ -n "$bad" ]; then
	fail "validate docx rejected:"
	echo "$bad" | head -40
else
	echo "ok: $(echo "$out" | grep -c ': ok (docx') file(s) valid against ECMA-376 transitional"
fi
python3 "$here/../docx/docx_order.py" "$work"/*.docx | tail -20 | grep -v '^ok' && fail "element order or package rules"
exit $status
