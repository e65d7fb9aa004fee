#!/usr/bin/env bash
# tei-conformance.sh MODE SHARED WORKDIR ARGS... — TEI output through jing and tei_all.rng.
#   cases    TEI_CASES        every document of tests/tei/tei_cases.c
#   fixtures GALLEY FILE...   JSON fixtures converted with galley -f json -t tei
#   seed     GALLEY FIXTURES  the seed release from the text and the html reader: valid, and
#                             header and 7 numbered items as in its .expected.json (xmllint --xpath)
#   corpus   GALLEY           every page of SHARED/corpora/readability through the html reader
# The JVM starts slowly, so each mode validates all its files in one jing run.
# Exit 0 pass, 1 fail, 77 skipped (with the reason) when a validator or the shared folder is missing.
set -u
mode=$1 shared=$2 work=$3
shift 3
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAIL: $*"; status=1; }
status=0

[ -x "$shared/tools/validate" ] || skip "$shared/tools/validate is missing (the shared folder is not beside the repository)"
schema=${GALLEY_SCHEMAS:-$shared/schemas}/tei/tei_all.rng
[ -f "$schema" ] || skip "$schema is missing"
command -v jing >/dev/null 2>&1 || skip "jing is missing (apt-get install jing)"
command -v xmllint >/dev/null 2>&1 || skip "xmllint is missing (apt-get install libxml2-utils)"

rm -rf "$work"
mkdir -p "$work" || exit 3

# Validate every file given in one jing run; jing names each invalid file.
jing_all() {
	local out
	out=$(jing "$schema" "$@" 2>&1 | grep -v '^\[warning\] .*jing: Unable to locate')
	if [ -n "$out" ]; then
		fail "jing (tei_all) rejected:"
		echo "$out" | head -40
	else
		echo "ok: $# file(s) valid against TEI P5 tei_all"
	fi
}

# xmllint --xpath on the TEI namespace without prefixes.
xp() { xmllint --xpath "$2" "$1" 2>/dev/null; }

case $mode in
cases)
	"$1" "$work" || fail "tei-cases failed"
	jing_all "$work"/*.tei.xml
	;;
fixtures)
	galley=$1
	shift
	for f; do
		out=$work/$(basename "$f" .json).tei.xml
		"$galley" -f json -t tei -o "$out" "$f" || fail "galley could not convert $f"
	done
	jing_all "$work"/*.tei.xml
	;;
seed)
	galley=$1 fixtures=$2
	base=$fixtures/mofa-2024-01-18-consultation
	[ -f "$base.expected.json" ] || skip "$base.expected.json is missing"
	# The expected texts, one a line (the file is pretty-printed; its texts hold no escapes).
	grep -q '\\' "$base.expected.json" && { fail "$base.expected.json holds escapes this script cannot read"; exit 1; }
	mapfile -t want < <(sed -n 's/^ *"text": "\(.*\)"$/\1/p' "$base.expected.json")
	[ ${#want[@]} -eq 7 ] || { fail "expected 7 paragraph texts in $base.expected.json, read ${#want[@]}"; exit 1; }
	for reader in text html; do
		ext=txt
		[ $reader = html ] && ext=html
		out=$work/seed-$reader.tei.xml
		"$galley" -f $reader -t tei -o "$out" "$base.$ext" || { fail "galley -f $reader could not convert $base.$ext"; continue; }
		"$shared/tools/validate" tei "$out" || fail "$out is not valid TEI"
		T='/*[local-name()="TEI"]'
		H="$T/*[local-name()=\"teiHeader\"]"
		check() { # XPath, expected string
			local got
			got=$(xp "$out" "$1")
			[ "$got" = "$2" ] || fail "$reader: $1 is \"$got\", expected \"$2\""
		}
		check "string($H//*[local-name()='titleStmt']/*[local-name()='title'][@type='main'])" \
			"Special Representative for Korean Peninsula Peace and Security Affairs Holds a Consultation with U.S. Senior Official for the DPRK (Jan. 18)"
		check "string($H//*[local-name()='publicationStmt']//*[local-name()='date']/@when)" "2024-01-18"
		check "string($H//*[local-name()='sourceDesc']//*[local-name()='date']/@when)" "2024-01-18"
		check "string($T/@xml:lang)" "en"
		check "string($H//*[local-name()='language']/@ident)" "en"
		check "string($H//*[local-name()='sourceDesc']//*[local-name()='note'][@type='category'])" "Press Releases"
		if [ $reader = html ]; then
			check "string($H//*[local-name()='publicationStmt']/*[local-name()='publisher'])" \
				"Ministry of Foreign Affairs, Republic of Korea"
			check "string($H//*[local-name()='sourceDesc']//*[local-name()='publisher'])" \
				"Ministry of Foreign Affairs, Republic of Korea"
			src=$(xp "$out" "string($H//*[local-name()='sourceDesc']//*[local-name()='ref']/@target)")
			case $src in http*) ;; *) fail "$reader: no source URL in sourceDesc/bibl/ref/@target (\"$src\")" ;; esac
		fi
		# Exactly 7 numbered items in the body, 1 to 7, with the expected texts.
		L="$T/*[local-name()='text']/*[local-name()='body']//*[local-name()='list'][@rend='numbered']"
		check "count($L/*[local-name()='item'])" 7
		for i in 1 2 3 4 5 6 7; do
			check "normalize-space($L/*[local-name()='item'][$i])" "${want[$((i - 1))]}"
			check "string($L/*[local-name()='item'][$i]/@n)" "$i"
		done
	done
	;;
corpus)
	galley=$1
	pages=$shared/corpora/readability/test-pages
	[ -d "$pages" ] || skip "$pages is missing"
	n=0
	for d in "$pages"/*/; do
		name=$(basename "$d")
		[ -f "$d/source.html" ] || continue
		n=$((n + 1))
		"$galley" -q -f html -t tei -o "$work/$name.tei.xml" "$d/source.html" || fail "galley could not convert $name"
	done
	echo "converted $n page(s)"
	[ $n -gt 0 ] || fail "no pages under $pages"
	jing_all "$work"/*.tei.xml
	;;
*)
	echo "usage: tei-conformance.sh cases|fixtures|seed|corpus SHARED WORKDIR ARGS..." >&2
	exit 2
	;;
esac
exit $status
