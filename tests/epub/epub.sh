#!/usr/bin/env bash
# epub.sh CASE — checks of the EPUB writer through build/galley: the
# package unzipped and read with unzip -v and xmllint --xpath.
# Needs GALLEY, FIXTURES (tests/fixtures), HERE (tests/epub), TESTTMP.
# Exit 0 pass, 1 fail, 77 skipped (with the reason) when a tool is missing.
set -u
case=$1
skip() { echo "SKIPPED: $*"; exit 77; }
status=0
fail() { echo "FAIL [$case]: $*"; status=1; }
for t in unzip xmllint od cmp; do command -v $t >/dev/null 2>&1 || skip "$t is missing"; done
work=$TESTTMP/$case
rm -rf "$work"
mkdir -p "$work" && cd "$work" || exit 3
seed=$FIXTURES/html/mofa-2024-01-18-consultation.html
every=$HERE/everything.json
g() { "$GALLEY" -q "$@"; }
# xp FILE-IN-PACKAGE XPATH: the XPath's value (namespaces by local-name)
xp() { unzip -p "$PKG" "$1" >part.xml && xmllint --nonet --xpath "$2" part.xml 2>/dev/null; }
check() { # FILE XPATH EXPECTED
	local got
	got=$(xp "$1" "$2")
	[ "$got" = "$3" ] || fail "$1: $2 is \"$got\", expected \"$3\""
}
M='/*[local-name()="package"]/*[local-name()="metadata"]'
meta() { echo "$M/*[local-name()=\"meta\"][@property=\"$1\"]"; }
dc() { echo "$M/*[local-name()=\"$1\"]"; }

case $case in
container)
	g -o r.epub "$seed" || fail "galley failed"
	PKG=r.epub
	# mimetype: the first local header, stored (method 0), no extra field, exactly the media type
	[ "$(od -A n -t x1 -N 4 r.epub | tr -d ' ')" = 504b0304 ] || fail "not a zip"
	[ "$(od -A n -t u2 -j 8 -N 2 r.epub | tr -d ' ')" = 0 ] || fail "mimetype is compressed"
	[ "$(od -A n -t u2 -j 26 -N 2 r.epub | tr -d ' ')" = 8 ] || fail "the first entry's name is not 8 bytes"
	[ "$(od -A n -t u2 -j 28 -N 2 r.epub | tr -d ' ')" = 0 ] || fail "mimetype has an extra field"
	[ "$(dd if=r.epub bs=1 skip=30 count=8 2>/dev/null)" = mimetype ] || fail "the first entry is not mimetype"
	[ "$(dd if=r.epub bs=1 skip=38 count=20 2>/dev/null)" = application/epub+zip ] || fail "mimetype's bytes"
	[ "$(unzip -p r.epub mimetype)" = application/epub+zip ] || fail "mimetype content"
	unzip -v r.epub | awk 'NR == 4 { exit !($2 == "Stored" && $8 == "mimetype") }' || fail "unzip -v: mimetype is not the first, stored entry"
	check META-INF/container.xml 'string(//*[local-name()="rootfile"]/@full-path)' EPUB/package.opf
	check META-INF/container.xml 'string(//*[local-name()="rootfile"]/@media-type)' application/oebps-package+xml
	check EPUB/package.opf 'string(/*[local-name()="package"]/@version)' 3.0
	# every manifest item is in the package, and the spine uses the NCX
	for h in $(xp EPUB/package.opf '//*[local-name()="item"]/@href' | sed 's/.*href="\([^"]*\)"/\1/'); do
		unzip -l r.epub "EPUB/$h" >/dev/null || fail "manifest item $h is not in the package"
	done
	check EPUB/package.opf 'string(//*[local-name()="spine"]/@toc)' ncx
	check EPUB/package.opf 'count(//*[local-name()="item"][@properties="nav"])' 1
	;;
metadata)
	g -o r.epub "$every" || fail "galley failed"
	PKG=r.epub
	id=$(xp EPUB/package.opf "string($(dc identifier)[@id=/*/@unique-identifier])")
	[ "$id" = MT/24/1 ] || fail "the document's identifier is not the unique identifier: \"$id\""
	check EPUB/package.opf "string($(dc title))" 'Minister & Ambassador <meet> "today"'
	check EPUB/package.opf "string($(dc language))" en
	check EPUB/package.opf "string($(dc date))" 2024-03-05
	check EPUB/package.opf "string($(dc publisher))" "Ministry of Tests"
	check EPUB/package.opf "string($(dc source))" "https://example.org/pr/1?a=1&b=2"
	check EPUB/package.opf "count($(dc subject))" 3
	check EPUB/package.opf "string($(dc subject)[1])" "Press release"
	check EPUB/package.opf "string($(dc subject)[3])" epub
	check EPUB/package.opf "string($(dc description))" "Everything the tree can hold."
	check EPUB/package.opf "count($(dc creator))" 2
	check EPUB/package.opf "string($(dc creator)[2])" "B. Writer"
	check EPUB/package.opf "count($(meta dcterms:modified))" 1
	check EPUB/package.opf "string($(meta dcterms:modified))" 2024-03-05T00:00:00Z
	check EPUB/toc.ncx 'string(//*[local-name()="meta"][@name="dtb:uid"]/@content)' MT/24/1
	# -M identifier= wins; without any, a urn:uuid from the content, stable and content-dependent
	g -M identifier=urn:isbn:9780000000002 -o m.epub "$every"
	PKG=m.epub check EPUB/package.opf "string($(dc identifier))" urn:isbn:9780000000002
	g -M identifier= -o u1.epub "$every"; g -M identifier= -o u2.epub "$every"
	g -M identifier= -M title=Other -o u3.epub "$every"
	u1=$(PKG=u1.epub xp EPUB/package.opf "string($(dc identifier))")
	u2=$(PKG=u2.epub xp EPUB/package.opf "string($(dc identifier))")
	u3=$(PKG=u3.epub xp EPUB/package.opf "string($(dc identifier))")
	echo "$u1" | grep -Eq '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' || fail "not a urn:uuid: $u1"
	[ "$u1" = "$u2" ] || fail "the uuid changes between runs"
	[ "$u1" != "$u3" ] || fail "the uuid does not depend on the content"
	PKG=u1.epub check EPUB/toc.ncx 'string(//*[local-name()="meta"][@name="dtb:uid"]/@content)' "$u1"
	# SOURCE_DATE_EPOCH decides dcterms:modified; no date and no epoch: 1980-01-01
	SOURCE_DATE_EPOCH=1700000000 g -o s.epub "$every"
	PKG=s.epub check EPUB/package.opf "string($(meta dcterms:modified))" 2023-11-14T22:13:20Z
	g -M date= -o n.epub "$every"
	PKG=n.epub check EPUB/package.opf "string($(meta dcterms:modified))" 1980-01-01T00:00:00Z
	PKG=n.epub check EPUB/package.opf "count($(dc date))" 0
	# an unknown language is "und"
	g -M language= -o l.epub "$every"
	PKG=l.epub check EPUB/package.opf "string($(dc language))" und
	PKG=l.epub check EPUB/release-1.xhtml 'string(/*/@lang)' und
	;;
accessibility)
	g -o r.epub "$seed" || fail "galley failed"
	PKG=r.epub
	check EPUB/package.opf "string($(meta schema:accessMode))" textual
	check EPUB/package.opf "count($(meta schema:accessMode))" 1
	check EPUB/package.opf "string($(meta schema:accessModeSufficient))" textual
	check EPUB/package.opf "string($(meta schema:accessibilityHazard))" none
	for f in structuralNavigation tableOfContents readingOrder; do
		check EPUB/package.opf "count($(meta schema:accessibilityFeature)[.='$f'])" 1
	done
	check EPUB/package.opf "count($(meta schema:accessibilitySummary)[string-length(.) > 20])" 1
	# one value per meta: no commas or spaces in the listed values
	[ -z "$(xp EPUB/package.opf "$(meta schema:accessibilityFeature)[contains(., ',') or contains(., ' ')]")" ] ||
		fail "an accessibilityFeature meta holds several values"
	;;
nav)
	g -o r.epub "$every" || fail "galley failed"
	PKG=r.epub
	N='//*[local-name()="nav"][@*[local-name()="type"]="toc"]'
	check EPUB/nav.xhtml "count($N)" 1
	check EPUB/nav.xhtml "count($N/*[local-name()='ol']/*[local-name()='li'])" 1
	check EPUB/nav.xhtml "count($N//*[local-name()='ol'][not(*)])" 0
	check EPUB/nav.xhtml "count($N//*[local-name()='a'][normalize-space(.)=''])" 0
	check EPUB/nav.xhtml "count($N/*[local-name()='ol']/*[local-name()='li']/*[local-name()='ol']/*[local-name()='li'])" 2
	check EPUB/nav.xhtml "string(($N//*[local-name()='a'])[3]/@href)" "release-1.xhtml#h-2"
	check EPUB/release-1.xhtml 'string(//*[@id="h-2"])' "Numbered paragraphs"
	check EPUB/nav.xhtml 'count(//*[local-name()="nav"][@*[local-name()="type"]="landmarks"]//*[local-name()="a"])' 2
	# an empty document still has a non-empty toc (its title page)
	g -o e.epub "$FIXTURES/json/minimal.json" || fail "galley failed on an empty document"
	PKG=e.epub check EPUB/nav.xhtml "count($N/*[local-name()='ol']/*[local-name()='li'])" 1
	PKG=e.epub check EPUB/nav.xhtml "normalize-space($N//*[local-name()='a'])" "Untitled release"
	check EPUB/toc.ncx 'count(//*[local-name()="navPoint"])' 1
	;;
xhtml)
	g -o r.epub "$every" || fail "galley failed"
	g -o j.epub "$FIXTURES/json/cjk.json" || fail "galley failed"
	for PKG in r.epub j.epub; do
		for f in $(unzip -Z1 "$PKG" | grep '\.xhtml$'); do
			check "$f" 'namespace-uri(/*)' http://www.w3.org/1999/xhtml
			l=$(xp "$f" 'string(/*/@lang)'); xl=$(xp "$f" 'string(/*/@xml:lang)')
			[ -n "$l" ] && [ "$l" = "$xl" ] || fail "$PKG $f: lang \"$l\", xml:lang \"$xl\""
			check "$f" 'count(/*/*[local-name()="head"]/*[local-name()="title"][normalize-space(.)!=""])' 1
			# only the five XML entities, never &nbsp; and the like
			unzip -p "$PKG" "$f" | grep -Eo '&[A-Za-z][A-Za-z0-9]*;' | grep -Ev '^&(amp|lt|gt|quot|apos);$' | head -1 |
				grep -q . && fail "$PKG $f uses a named entity"
		done
	done
	PKG=r.epub
	X=EPUB/release-1.xhtml
	check $X 'count(//*[@*[local-name()="type"]="titlepage"])' 1
	check $X 'normalize-space(//*[@*[local-name()="type"]="titlepage"]/*[@class="category"])' "Press release"
	check $X 'normalize-space(//*[@*[local-name()="type"]="titlepage"]/*[@class="date"])' 2024-03-05
	check $X 'normalize-space(//*[@*[local-name()="type"]="titlepage"]/*[@class="issuer"])' "Ministry of Tests"
	check $X 'string(//*[local-name()="ol"]/@start)' 3
	check $X 'count(//*[local-name()="ol"]/*[local-name()="li"]/*[local-name()="ul"]/*[local-name()="li"]/*[local-name()="ul"])' 1
	check $X 'count(//*[local-name()="ul"][not(*)])' 0
	check $X 'string(//*[local-name()="table"]/*[1]/self::*[local-name()="caption"])' "A table with spans"
	check $X 'string(//*[local-name()="thead"]//*[local-name()="th"]/@colspan)' 2
	check $X 'string(//*[local-name()="tbody"]//*[local-name()="td"][1]/@rowspan)' 2
	check $X 'string(//*[local-name()="pre"]/*[local-name()="code"]/@class)' language-c-plus
	check $X 'count(//*[local-name()="blockquote"])' 1
	check $X 'count(//*[local-name()="div"][@class="signature"])' 1
	check $X 'count(//*[local-name()="div"][@class="dateline"])' 1
	check $X 'count(//*[local-name()="div"][@class="contact"])' 1
	check $X 'count(//*[local-name()="aside"][@*[local-name()="type"]="footnote"])' 2
	check $X 'string(//*[local-name()="a"][@*[local-name()="type"]="noteref"]/@href)' "#fn-2"
	check $X 'count(//*[@id="fn-2"])' 1
	check $X 'string(//*[local-name()="a"][.="an external link"]/@href)' "https://example.org/a%20b?q=%C3%A9"
	check $X 'count(//*[local-name()="a"][.="a relative link"])' 0
	check $X 'count(//*[local-name()="span"][.="a relative link"])' 1
	# images are never fetched: remote ones are a link with the alt text; a data: PNG is
	# packaged once (both its uses point at it), listed in the manifest
	check $X 'count(//*[local-name()="img"])' 2
	check $X 'count(//*[local-name()="img"][@src="images/img-1.png"][@alt="a red dot"])' 2
	check $X 'count(//*[local-name()="figure"]/*[local-name()="img"])' 1
	check $X 'count(//*[local-name()="span"][@class="image"][.="plain text"])' 1
	check EPUB/package.opf 'string(//*[local-name()="item"][@href="images/img-1.png"]/@media-type)' image/png
	check EPUB/package.opf 'count(//*[local-name()="item"][starts-with(@href, "images/")])' 1
	[ "$(unzip -p r.epub EPUB/images/img-1.png | od -A n -t x1 -N 4 | tr -d ' ')" = 89504e47 ] || fail "the packaged image is not the PNG"
	check EPUB/package.opf "count($(meta schema:accessMode)[.='visual'])" 1
	check $X 'string(//*[local-name()="a"][.="the logo"]/@href)' https://example.org/logo.png
	check $X 'count(//*[local-name()="span"][@class="image"][.="a local picture"])' 1
	check $X 'string(//*[local-name()="figure"]/*[local-name()="figcaption"])' "Figure 1"
	;;
images)
	# local images: from the input's folder and below, never above it (no "..", no symlink
	# out of it), never absolute paths or file: URLs; in a book each release's own folder
	mkdir -p a/img b/img outside
	cp "$HERE/../docx/img/wide.png" a/img/pic.png
	cp "$HERE/../docx/img/logo.gif" b/img/pic.png.gif
	cp "$HERE/../docx/img/logo.jpg" b/img/pic.png
	cp "$HERE/../docx/img/banner.png" outside/secret.png
	ln -s ../../outside/secret.png a/img/link.png
	doc() { # FILE SRC... : a release whose paragraph holds an image of each SRC
		local f=$1 inl="" s
		shift
		for s in "$@"; do inl="$inl${inl:+,}{\"type\": \"image\", \"src\": \"$s\", \"alt\": \"alt $s\"}"; done
		printf '{"galley-ir": 1, "meta": {"title": "T %s", "language": "en"}, "blocks": [{"type": "paragraph", "inlines": [%s]}]}\n' "$f" "$inl" >"$f"
	}
	doc a/r.json img/pic.png "img/pic%2Epng" ../outside/secret.png img/link.png "$work/outside/secret.png" \
		"file://$work/outside/secret.png" img/none.png
	doc b/r.json img/pic.png
	g -o one.epub a/r.json || fail "galley failed"
	PKG=one.epub
	X=EPUB/release-1.xhtml
	[ "$(unzip -Z1 one.epub | grep '^EPUB/images/' | tr '\n' ' ')" = "EPUB/images/img-1.png EPUB/images/img-2.png " ] ||
		fail "packaged: $(unzip -Z1 one.epub | grep '^EPUB/images/' | tr '\n' ' ')"
	unzip -p one.epub EPUB/images/img-1.png | cmp -s - a/img/pic.png || fail "img-1.png is not a/img/pic.png"
	check EPUB/package.opf 'string(//*[local-name()="item"][@href="images/img-1.png"]/@media-type)' image/png
	check $X 'count(//*[local-name()="img"])' 2
	for s in ../outside/secret.png img/link.png "$work/outside/secret.png" "file://$work/outside/secret.png" img/none.png; do
		check $X "count(//*[local-name()='span'][@class='image'][.='alt $s'])" 1
	done
	unzip -p one.epub | cmp -s - outside/secret.png && fail "a file outside the input's folder was packaged"
	# a book: each release's img/pic.png from its own folder (a PNG, then a JPEG)
	g -o book.epub a/r.json b/r.json || fail "galley failed on the book"
	PKG=book.epub
	check EPUB/package.opf 'count(//*[local-name()="item"][starts-with(@href, "images/")])' 3
	check EPUB/package.opf 'string(//*[local-name()="item"][@href="images/img-3.jpeg"]/@media-type)' image/jpeg
	unzip -p book.epub EPUB/images/img-3.jpeg | cmp -s - b/img/pic.png || fail "the second release's image is not its own"
	check EPUB/release-2.xhtml 'string(//*[local-name()="img"]/@src)' images/img-3.jpeg
	# from standard input: the current folder
	(cd a && "$GALLEY" -q -f json -t epub -o ../stdin.epub - <r.json) || fail "galley failed on standard input"
	[ "$(unzip -Z1 stdin.epub | grep -c '^EPUB/images/')" = 2 ] || fail "standard input: images not taken from the current folder"
	if [ -x "$SHARED/tools/validate" ]; then
		"$SHARED/tools/validate" epub one.epub book.epub >validate.log 2>&1 || fail "epubcheck: $(cat validate.log)"
	else
		echo "note: $SHARED/tools/validate is missing: epubcheck not run here (conformance.epub runs it)"
	fi
	;;
deterministic)
	SOURCE_DATE_EPOCH=1700000000 g -o a.epub "$seed" "$every" || fail "galley failed"
	sleep 2 # zip times have two-second resolution
	SOURCE_DATE_EPOCH=1700000000 g -o b.epub "$seed" "$every"
	cmp -s a.epub b.epub || fail "two runs with SOURCE_DATE_EPOCH differ"
	# without it only the zip entries' times may differ: every entry's bytes are the same
	g -o c.epub "$seed" "$every"
	sleep 2
	g -o d.epub "$seed" "$every"
	for f in $(unzip -Z1 c.epub); do
		cmp -s <(unzip -p c.epub "$f") <(unzip -p d.epub "$f") || fail "$f differs between two runs without SOURCE_DATE_EPOCH"
	done
	[ "$(unzip -Z1 c.epub)" = "$(unzip -Z1 a.epub)" ] || fail "the entries differ with and without SOURCE_DATE_EPOCH"
	;;
book)
	txt=$FIXTURES/text/en-notes.txt
	cn=$FIXTURES/html/sites/cn-mfa.html
	g -o b.epub "$seed" "$txt" "$cn" || fail "galley failed"
	PKG=b.epub
	for i in 1 2 3; do unzip -l b.epub EPUB/release-$i.xhtml >/dev/null || fail "no release-$i.xhtml"; done
	check EPUB/package.opf 'string(//*[local-name()="spine"]/*[1]/@idref)' contents
	check EPUB/package.opf 'string(//*[local-name()="spine"]/*[4]/@idref)' release-3
	check EPUB/package.opf "string($(dc title))" "3 releases"
	check EPUB/package.opf "count($(meta dcterms:modified))" 1
	# the contents page lists each release's title and date, in command-line order
	C='//*[local-name()="nav"][@class="contents"]/*[local-name()="ol"]/*[local-name()="li"]'
	check EPUB/contents.xhtml "count($C)" 3
	for i in 1 2 3; do
		want=$(xp EPUB/release-$i.xhtml 'normalize-space(//*[@*[local-name()="type"]="titlepage"]/*[local-name()="h1"])')
		check EPUB/contents.xhtml "normalize-space($C[$i]/*[local-name()='a'])" "$want"
		check EPUB/contents.xhtml "string($C[$i]/*[local-name()='a']/@href)" release-$i.xhtml
	done
	check EPUB/contents.xhtml "normalize-space($C[1]/*[@class='date'])" 2024-01-18
	check EPUB/release-1.xhtml 'string(/*/@lang)' en
	check EPUB/release-3.xhtml 'string(/*/@lang)' "$(xp EPUB/release-3.xhtml 'string(/*/@xml:lang)')"
	check EPUB/toc.ncx 'count(//*[local-name()="navPoint"])' 4
	# an entry in another language than the book's says so
	check EPUB/contents.xhtml "string($C[3]/@lang)" "$(xp EPUB/release-3.xhtml 'string(/*/@lang)')"
	check EPUB/contents.xhtml "string($C[3]/@xml:lang)" "$(xp EPUB/release-3.xhtml 'string(/*/@lang)')"
	check EPUB/contents.xhtml "count($C[1]/@lang)" 0
	# -M title= names the book
	g -M 'title=Press releases, March 2024' -o t.epub "$seed" "$txt"
	PKG=t.epub check EPUB/package.opf "string($(dc title))" "Press releases, March 2024"
	# the reader of each input is its own: the order is the command line's
	g -o r.epub "$txt" "$seed"
	PKG=r.epub check EPUB/contents.xhtml "normalize-space($C[2]/*[local-name()='a'])" \
		"$(PKG=b.epub xp EPUB/contents.xhtml "normalize-space($C[1]/*[local-name()='a'])")"
	;;
stylesheet)
	g -o d.epub "$seed" || fail "galley failed"
	cmp -s <(unzip -p d.epub EPUB/style.css) "$HERE/../../formats/epub/style.css" || fail "the default stylesheet is not formats/epub/style.css"
	printf 'body { color: black; }\n' >mine.css
	g -O css=mine.css -o c.epub "$seed" || fail "galley -O css failed"
	cmp -s <(unzip -p c.epub EPUB/style.css) mine.css || fail "-O css=FILE is not the stylesheet"
	mkdir -p data/epub && printf 'p { margin: 0; }\n' >data/epub/style.css
	g -O data-dir=data -o o.epub "$seed" || fail "galley -O data-dir failed"
	cmp -s <(unzip -p o.epub EPUB/style.css) data/epub/style.css || fail "-O data-dir did not override the stylesheet"
	"$GALLEY" -q -O css=missing.css -o x.epub "$seed"; rc=$?
	[ $rc -ne 0 ] || fail "a missing stylesheet was not an error"
	[ ! -e x.epub ] || fail "a failed conversion left a file"
	"$GALLEY" --list-options epub | grep -q '^css' || fail "--list-options epub does not list css"
	# -O compress=false stores every entry, the same bytes inside
	g -O compress=false -o s.epub "$seed" || fail "galley -O compress=false failed"
	[ "$(unzip -v s.epub | awk '$2 == "Defl:N" || $2 ~ /^Defl/' | wc -l)" = 0 ] || fail "compress=false left deflated entries"
	[ "$(unzip -v d.epub | awk '$2 ~ /^Defl/' | wc -l)" -gt 0 ] || fail "the default package is not deflated"
	for f in $(unzip -Z1 d.epub); do
		cmp -s <(unzip -p d.epub "$f") <(unzip -p s.epub "$f") || fail "$f differs when stored"
	done
	;;
split)
	# a release longer than -O split=N bytes: a file per top-level level-1 heading
	g -O split=10 -o s.epub "$HERE/split.json" || fail "galley failed"
	PKG=s.epub
	[ "$(unzip -Z1 s.epub | grep -c '^EPUB/release-1.*\.xhtml$')" = 3 ] || fail "not three files: $(unzip -Z1 s.epub | tr '\n' ' ')"
	check EPUB/package.opf 'string(//*[local-name()="spine"]/*[2]/@idref)' release-1-2
	check EPUB/package.opf 'string(//*[local-name()="spine"]/*[3]/@idref)' release-1-3
	check EPUB/release-1.xhtml 'count(//*[@*[local-name()="type"]="titlepage"])' 1
	check EPUB/release-1-2.xhtml 'count(//*[@*[local-name()="type"]="titlepage"])' 0
	check EPUB/release-1-2.xhtml 'string(//*[local-name()="h1"]/@id)' h-1
	check EPUB/release-1-3.xhtml 'string(//*[local-name()="section"]/*[local-name()="h1"]/@id)' h-3
	check EPUB/release-1-3.xhtml 'count(//*[local-name()="aside"])' 1
	check EPUB/release-1-3.xhtml 'count(//*[local-name()="blockquote"]/*[local-name()="h1"])' 1
	check EPUB/nav.xhtml 'string(//*[local-name()="a"][.="Part one, section"]/@href)' release-1-2.xhtml#h-2
	check EPUB/nav.xhtml 'string(//*[local-name()="a"][.="Part two"]/@href)' release-1-3.xhtml#h-3
	check EPUB/nav.xhtml 'string(//*[local-name()="a"][.="Not a split: in a quote"]/@href)' release-1-3.xhtml#h-4
	# short releases (the default: 64 KiB of text) and split=none stay one file
	for o in "" "-O split=none"; do
		g $o -o o.epub "$HERE/split.json"
		[ "$(unzip -Z1 o.epub | grep -c '\.xhtml$')" = 2 ] || fail "split ${o:-by default}: $(unzip -Z1 o.epub | tr '\n' ' ')"
	done
	;;
*)
	echo "unknown case $case" >&2
	exit 2
	;;
esac
exit $status
