#!/usr/bin/env bash
# epub-conformance.sh SHARED WORKDIR GALLEY FIXTURES EVERYTHING — EPUB output through epubcheck
# (SHARED/tools/validate epub: 0 fatals / 0 errors / 0 warnings), called once over every file:
#   - each JSON fixture (tests/fixtures/json, tests/fixtures/tei, tests/epub/everything.json)
#     and the seed release from the text and the html reader (and stored, -O compress=false),
#     one package each; tests/epub/split.json split into three files (-O split=10);
#   - every text fixture and every html fixture (sites and plain pages included), as two books;
#   - a three-release book (html, text, html);
#   - every page of SHARED/corpora/readability and every release of SHARED/corpora/releases-text,
#     as one book each.
# validate starts one JVM per file (about 3 s each here), so fixtures and corpora go into books
# (one XHTML file per document, all of them checked) to keep the test near a minute; the
# one-document package differs from a book only in its contents page, which the singles check.
# Exit 0 pass, 1 fail, 77 skipped (with the reason) when the shared folder or a tool is missing.
set -u
shared=$1 work=$2 galley=$3 fixtures=$4 every=$5
skip() { echo "SKIPPED: $*"; exit 77; }
[ -x "$shared/tools/validate" ] || skip "$shared/tools/validate is missing (the shared folder is not beside the repository)"
command -v java >/dev/null 2>&1 || skip "java is missing (apt-get install default-jre-headless)"
[ -f "${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}" ] || skip "epubcheck is missing (apt-get install epubcheck)"
readability=$shared/corpora/readability/test-pages
releases=$shared/corpora/releases-text
[ -d "$readability" ] || skip "$readability is missing"
[ -d "$releases" ] || skip "$releases is missing"
seed=$shared/fixtures/mofa-2024-01-18-consultation
[ -f "$seed.txt" ] && [ -f "$seed.html" ] || skip "the seed release $seed.{txt,html} is missing"

rm -rf "$work"
mkdir -p "$work" || exit 3
status=0
fail() { echo "FAIL: $*"; status=1; }
conv() { # OUT ARGS...: galley, and say which conversion failed
	local out=$1
	shift
	"$galley" -q -t epub -o "$work/$out" "$@" || fail "galley could not write $out"
}

for f in "$fixtures"/json/*.json "$fixtures"/tei/*.json "$every"; do
	conv "json-$(basename "$(dirname "$f")")-$(basename "$f" .json).epub" -f json "$f"
done
conv seed-text.epub -f text "$seed.txt"
conv seed-html.epub -f html "$seed.html"
conv seed-html-stored.epub -f html -O compress=false "$seed.html"
conv split.epub -f json -O split=10 "$(dirname "$every")/split.json"
texts=("$fixtures"/text/*.txt "$fixtures"/text/*.utf8)
htmls=("$fixtures"/html/*.html "$fixtures"/html/sites/*.html "$fixtures"/html/plain/*.html)
conv fixtures-text.epub -f text "${texts[@]}"
conv fixtures-html.epub -f html "${htmls[@]}"
conv book.epub "$seed.html" "$fixtures/text/en-notes.txt" "$fixtures/html/sites/cn-mfa.html"
pages=()
for d in "$readability"/*/; do [ -f "$d/source.html" ] && pages+=("$d/source.html"); done
[ ${#pages[@]} -gt 0 ] || fail "no pages under $readability"
conv readability.epub -f html "${pages[@]}"
rel=("$releases"/*.txt)
[ -f "${rel[0]}" ] || fail "no releases under $releases"
conv releases-text.epub -f text "${rel[@]}"
echo "books: ${#texts[@]} text fixtures, ${#htmls[@]} html fixtures, ${#pages[@]} readability pages, ${#rel[@]} releases-text releases"
for b in readability releases-text fixtures-text fixtures-html; do
	n=$(unzip -Z1 "$work/$b.epub" 2>/dev/null | grep -c '^EPUB/release-[0-9]*\.xhtml$')
	echo "$b.epub: $n release files"
done

files=("$work"/*.epub)
"$shared/tools/validate" epub "${files[@]}" || fail "epubcheck found errors or warnings"
echo "validated ${#files[@]} package(s)"
exit $status
