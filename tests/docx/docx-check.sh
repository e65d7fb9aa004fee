#!/usr/bin/env bash
# docx-check.sh MODE GALLEY WORKDIR ARGS... — the DOCX writer's output, unzipped and asserted.
#   package     FEATURES SEED.html  parts, content types, relationships, styles, numbering, core
#                              properties (xmllint --xpath), element order (docx_order.py)
#   same-bytes  FILE...        each input written twice (with SOURCE_DATE_EPOCH and without, the
#                              clock moving between) gives identical bytes
#   data-dir    FEATURES       -O data-dir=DIR replaces formats/docx/styles.xml
#   korean      KOREAN         w:lang and w:eastAsia ko-KR, an East Asian font, □ bullets
#   images      IMAGES         data: and local PNG/JPEG/GIF embedded in word/media with their sizes
#   libreoffice FEATURES SEED.txt SEED.html SEED.expected.json KOREAN  soffice --headless converts
#                              them all to text (lo_text.py: the release's text in order, with
#                              the lists' numbers) and to PDF, one soffice run each
#   reference-doc VALIDATE SEED.txt SEED.html  --reference-doc with documents LibreOffice made (a
#                              flat ODT with its own styles, Letter pages, a header and a footer;
#                              a galley DOCX re-saved): their styles, page setup, header and
#                              footer in the output, the styles galley needs added, the lists
#                              renumbered after theirs; ../shared/tools/validate docx passes and
#                              soffice converts the outputs to PDF (the header's text in it);
#                              one soffice run each
#   reference-theme VALIDATE SEED.txt  --reference-doc with python-docx's template (made by Word),
#                              its theme's minor font renamed: that theme is the output's
#                              word/theme/theme1.xml (relationship, content type), the styles
#                              naming theme fonts come with it, and it validates
#   reference-errors SEED.txt   bad reference documents (not a zip, no styles.xml, XML that is not
#                              well-formed, missing): one line naming the file, exit 1 or 3, no output
#   python-docx FEATURES SEED.txt SEED.html SEED.expected.json  python-docx (Debian python3-docx) reads the numbered paragraphs
#                              with their numbering, the Title-styled title and the core properties
# Exit 0 pass, 1 fail, 77 skipped (with the reason) when a tool is missing.
set -u
mode=$1 galley=$2 work=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
skip() { echo "SKIPPED: $*"; exit 77; }
status=0
fail() { echo "FAIL: $*"; status=1; }
command -v unzip >/dev/null 2>&1 || skip "unzip is missing (apt-get install unzip)"
command -v xmllint >/dev/null 2>&1 || skip "xmllint is missing (apt-get install libxml2-utils)"
rm -rf "$work"
mkdir -p "$work" || exit 3
cd "$work" || exit 3

W='http://schemas.openxmlformats.org/wordprocessingml/2006/main'
# xp DOCX PART XPATH: the XPath's string value in one part (w: and namespaces by local-name).
xp() { # unzip takes brackets as a pattern: [Content_Types].xml is escaped
	local part=${2//[/\\[}
	part=${part//]/\\]}
	unzip -p "$1" "$part" | xmllint --xpath "$3" - 2>/dev/null
}
check() { # DOCX PART XPATH EXPECTED
	local got
	got=$(xp "$1" "$2" "$3")
	[ "$got" = "$4" ] || fail "$1 $2: $3 is \"$got\", expected \"$4\""
}
P='*[local-name()="p"]'
STYLE='*[local-name()="pPr"]/*[local-name()="pStyle"]/@*[local-name()="val"]'

case $mode in
package)
	features=$1 seed=$2
	"$galley" -o f.docx "$features" || { fail "galley could not convert $features"; exit 1; }
	"$galley" -f html -o seed.docx "$seed" || { fail "galley could not convert $seed"; exit 1; }
	for d in f.docx seed.docx; do
		parts=$(unzip -Z1 "$d" | sort | tr '\n' ' ')
		want='[Content_Types].xml _rels/.rels docProps/app.xml docProps/core.xml word/_rels/document.xml.rels word/document.xml word/fontTable.xml word/numbering.xml word/settings.xml word/styles.xml '
		[ $d = f.docx ] && want='[Content_Types].xml _rels/.rels docProps/app.xml docProps/core.xml word/_rels/document.xml.rels word/_rels/footnotes.xml.rels word/document.xml word/fontTable.xml word/footnotes.xml word/numbering.xml word/settings.xml word/styles.xml '
		[ "$parts" = "$want" ] || fail "$d holds $parts, expected $want"
		[ "$(unzip -Z1 "$d" | head -1)" = '[Content_Types].xml' ] || fail "$d: [Content_Types].xml is not first"
		for part in /word/document.xml /word/styles.xml /word/numbering.xml /word/settings.xml /word/fontTable.xml /docProps/core.xml /docProps/app.xml; do
			check $d '[Content_Types].xml' "count(//*[local-name()='Override'][@PartName='$part'])" 1
		done
		check $d '[Content_Types].xml' "string(//*[local-name()='Override'][@PartName='/word/document.xml']/@ContentType)" \
			application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml
		check $d '_rels/.rels' "string(//*[local-name()='Relationship'][@Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument']/@Target)" word/document.xml
		check $d '_rels/.rels' "string(//*[local-name()='Relationship'][@Type='http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties']/@Target)" docProps/core.xml
		# the sectPr last in the body
		check $d word/document.xml "local-name(/*/*[local-name()='body']/*[last()])" sectPr
	done
	[ "$(unzip -Z1 seed.docx | grep -c footnotes)" = 0 ] || fail "seed.docx has a footnotes part without notes"
	# The release's face: category, Title, date and issuer, in that order.
	B="/*/*[local-name()='body']"
	check f.docx word/document.xml "string($B/$P[1]/$STYLE)" ReleaseCategory
	check f.docx word/document.xml "string($B/$P[2]/$STYLE)" Title
	check f.docx word/document.xml "string($B/$P[2])" "Minister Holds Talks on Trade & <Security>"
	check f.docx word/document.xml "string($B/$P[4]/$STYLE)" ReleaseInfo
	check f.docx word/document.xml "string($B/$P[4]/*[local-name()='r'][*[local-name()='rPr']/*[local-name()='rStyle']/@*[local-name()='val']='ReleaseDate'])" 2024-03-05
	check f.docx word/document.xml "string($B/$P[4]/*[local-name()='r'][*[local-name()='rPr']/*[local-name()='rStyle']/@*[local-name()='val']='ReleaseIssuer'])" "Ministry of Testing"
	check seed.docx word/document.xml "string($B/$P[2]/$STYLE)" Title
	check seed.docx word/document.xml "count($B/$P[$STYLE='Title'])" 1
	for s in Heading1 Heading2 Heading6 Quote SourceCode Caption ThematicBreak Note Dateline Signature Contact; do
		[ "$(xp f.docx word/document.xml "count(//$P[$STYLE='$s'])")" -ge 1 ] || fail "no $s paragraph"
		check f.docx word/styles.xml "count(//*[local-name()='style'][@*[local-name()='styleId']='$s'])" 1
	done
	for s in ReleaseDate ReleaseIssuer VerbatimChar Hyperlink FootnoteReference Title ReleaseCategory ReleaseInfo; do
		check f.docx word/styles.xml "count(//*[local-name()='style'][@*[local-name()='styleId']='$s'])" 1
	done
	# The seed's seven numbered paragraphs: one list, numId 1, ilvl 0, starting at 1.
	N="//$P[*[local-name()='pPr']/*[local-name()='numPr']]"
	check seed.docx word/document.xml "count($N)" 7
	check seed.docx word/document.xml "count($N[*[local-name()='pPr']/*[local-name()='numPr']/*[local-name()='numId']/@*[local-name()='val']='1'])" 7
	NUM="//*[local-name()='num']"
	check seed.docx word/numbering.xml "string($NUM[@*[local-name()='numId']='1']/*[local-name()='abstractNumId']/@*[local-name()='val'])" 1
	check seed.docx word/numbering.xml "string($NUM[@*[local-name()='numId']='1']//*[local-name()='startOverride']/@*[local-name()='val'])" 1
	check seed.docx word/numbering.xml "string(//*[local-name()='abstractNum'][@*[local-name()='abstractNumId']='1']/*[local-name()='lvl'][1]/*[local-name()='numFmt']/@*[local-name()='val'])" decimal
	# features: the list from 3 restarts at 3 (numId 1), its nested list at 1 on level 1 (numId 2),
	# the next list at 1 again with a num of its own (numId 3); bullets (numId 4, 5) use abstractNum 2.
	check f.docx word/numbering.xml "string($NUM[@*[local-name()='numId']='1']//*[local-name()='startOverride']/@*[local-name()='val'])" 3
	check f.docx word/numbering.xml "string($NUM[@*[local-name()='numId']='2']/*[local-name()='lvlOverride']/@*[local-name()='ilvl'])" 1
	check f.docx word/numbering.xml "string($NUM[@*[local-name()='numId']='2']//*[local-name()='startOverride']/@*[local-name()='val'])" 1
	check f.docx word/numbering.xml "string($NUM[@*[local-name()='numId']='3']//*[local-name()='startOverride']/@*[local-name()='val'])" 1
	check f.docx word/numbering.xml "string($NUM[@*[local-name()='numId']='4']/*[local-name()='abstractNumId']/@*[local-name()='val'])" 2
	check f.docx word/numbering.xml "count($NUM)" 5
	check f.docx word/document.xml "count($N[.//*[local-name()='numId']/@*[local-name()='val']='1'])" 3
	check f.docx word/document.xml "string($N[.//*[local-name()='numId']/@*[local-name()='val']='2'][1]//*[local-name()='ilvl']/@*[local-name()='val'])" 1
	# the fifth item's second paragraph: indented, not numbered
	check f.docx word/document.xml "string(//$P[normalize-space()='A second paragraph in the fifth item.']/*[local-name()='pPr']/*[local-name()='ind']/@*[local-name()='left'])" 720
	# runs: bold, italic, code, sup/sub, line break, tab, preserved spaces
	R="//*[local-name()='r']"
	check f.docx word/document.xml "string($R[*[local-name()='rPr']/*[local-name()='b']])" bold
	check f.docx word/document.xml "string($R[*[local-name()='rPr']/*[local-name()='i']][1])" italic
	check f.docx word/document.xml "string($R[*[local-name()='rPr']/*[local-name()='rStyle']/@*[local-name()='val']='VerbatimChar'])" "code()"
	check f.docx word/document.xml "string($R[*[local-name()='rPr']/*[local-name()='vertAlign']/@*[local-name()='val']='superscript'])" 2
	check f.docx word/document.xml "string($R[*[local-name()='rPr']/*[local-name()='vertAlign']/@*[local-name()='val']='subscript'])" 2
	check f.docx word/document.xml "count($R/*[local-name()='br'])" 3
	check f.docx word/document.xml "count($R/*[local-name()='tab'])" 1
	check f.docx word/document.xml "string(//*[local-name()='t'][starts-with(., '  Leading')]/@xml:space)" preserve
	# code block: one paragraph, lines joined by w:br, the indent kept
	check f.docx word/document.xml "count(//$P[$STYLE='SourceCode'])" 1
	check f.docx word/document.xml "string(//$P[$STYLE='SourceCode']/*[local-name()='r']/*[local-name()='t'][2])" "    indented line"
	# hyperlinks: external relationships whose ids resolve
	rels=$(unzip -p f.docx word/_rels/document.xml.rels)
	for id in $(xp f.docx word/document.xml "//*[local-name()='hyperlink']/@*[local-name()='id']" | sed 's/.*="\(.*\)"/\1/'); do
		echo "$rels" | xmllint --xpath "//*[local-name()='Relationship'][@Id='$id'][@TargetMode='External']" - >/dev/null 2>&1 ||
			fail "hyperlink $id has no external relationship"
	done
	echo "$rels" | grep -q 'Target="https://example.org/a%20b?q=1"' || fail "the link with a space is not percent-encoded"
	echo "$rels" | grep -q 'Target="https://example.org/map.png"' || fail "the remote figure is not a link to its image"
	check f.docx word/document.xml "string(//*[local-name()='hyperlink'][.='A map of Seoul']/../$STYLE)" Figure
	unzip -p f.docx word/_rels/footnotes.xml.rels | grep -q 'Target="https://example.org/note"' || fail "the note's link has no relationship in footnotes.xml.rels"
	# tables: grid of 3, header row, spans
	T="//*[local-name()='tbl']"
	check f.docx word/document.xml "count($T/*[local-name()='tblGrid']/*[local-name()='gridCol'])" 3
	check f.docx word/document.xml "count($T/*[local-name()='tr'][1]/*[local-name()='trPr']/*[local-name()='tblHeader'])" 1
	check f.docx word/document.xml "count($T/*[local-name()='tr'][2]/*[local-name()='trPr'])" 0
	check f.docx word/document.xml "string($T/*[local-name()='tr'][1]/*[local-name()='tc'][2]//*[local-name()='gridSpan']/@*[local-name()='val'])" 2
	check f.docx word/document.xml "string($T/*[local-name()='tr'][2]/*[local-name()='tc'][1]//*[local-name()='vMerge']/@*[local-name()='val'])" restart
	check f.docx word/document.xml "count($T/*[local-name()='tr'][3]/*[local-name()='tc'][1]//*[local-name()='vMerge'][not(@*)])" 1
	check f.docx word/document.xml "count($T/*[local-name()='tr'][3]/*[local-name()='tc'])" 3
	check f.docx word/document.xml "string($T/*[local-name()='tr'][4]/*[local-name()='tc'][1]//*[local-name()='gridSpan']/@*[local-name()='val'])" 3
	check f.docx word/document.xml "string($T/preceding-sibling::*[1]/$STYLE)" Caption
	# footnotes: separators -1 and 0, the note as 1, its mark in the body
	F="//*[local-name()='footnote']"
	check f.docx word/footnotes.xml "concat($F[1]/@*[local-name()='id'], ' ', $F[1]/@*[local-name()='type'], ' ', $F[2]/@*[local-name()='id'], ' ', $F[2]/@*[local-name()='type'], ' ', $F[3]/@*[local-name()='id'])" \
		"-1 separator 0 continuationSeparator 1"
	check f.docx word/footnotes.xml "count($F[3]//*[local-name()='footnoteRef'])" 1
	check f.docx word/document.xml "string(//*[local-name()='footnoteReference']/@*[local-name()='id'])" 1
	# core properties
	C=docProps/core.xml
	check f.docx $C "string(//*[local-name()='title'])" "Minister Holds Talks on Trade & <Security>"
	check f.docx $C "string(//*[local-name()='creator'])" "Ministry of Testing"
	check f.docx $C "string(//*[local-name()='subject'])" "Press Releases"
	check f.docx $C "string(//*[local-name()='description'])" "The minister met her counterpart."
	check f.docx $C "string(//*[local-name()='language'])" en
	check f.docx $C "string(//*[local-name()='keywords'])" "trade, security"
	check f.docx $C "string(//*[local-name()='created'])" 2024-03-05
	check f.docx $C "string(//*[local-name()='created']/@*[local-name()='type'])" dcterms:W3CDTF
	check f.docx $C "string(//*[local-name()='modified']/@*[local-name()='type'])" dcterms:W3CDTF
	check seed.docx $C "string(//*[local-name()='creator'])" "Ministry of Foreign Affairs, Republic of Korea"
	check seed.docx $C "string(//*[local-name()='created'])" 2024-01-18
	SOURCE_DATE_EPOCH=1700000000 "$galley" -o epoch.docx "$features" || fail "galley could not convert with SOURCE_DATE_EPOCH"
	check epoch.docx $C "string(//*[local-name()='modified'])" 2023-11-14T22:13:20Z
	check epoch.docx $C "string(//*[local-name()='created'])" 2024-03-05
	# w:lang in the run defaults of the styles, not on every run
	D="//*[local-name()='docDefaults']/*[local-name()='rPrDefault']/*[local-name()='rPr']"
	check f.docx word/styles.xml "string($D/*[local-name()='lang']/@*[local-name()='val'])" en
	check f.docx word/styles.xml "count($D/*[local-name()='lang'])" 1
	check f.docx word/document.xml "count($R/*[local-name()='rPr']/*[local-name()='lang'])" 0
	# element order in pPr, rPr, tblPr, tcPr, sectPr and the package rules
	python3 "$here/docx_order.py" f.docx seed.docx epoch.docx || fail "docx_order.py"
	;;
same-bytes)
	i=0
	for f; do
		i=$((i + 1))
		SOURCE_DATE_EPOCH=1700000000 "$galley" -q -t docx -o "a$i.docx" "$f" || { fail "galley could not convert $f"; continue; }
		SOURCE_DATE_EPOCH=1700000000 "$galley" -q -t docx -o "b$i.docx" "$f" || fail "galley could not convert $f"
		cmp -s "a$i.docx" "b$i.docx" || fail "$f: two runs with SOURCE_DATE_EPOCH differ"
		"$galley" -q -t docx -o "c$i.docx" "$f" || fail "galley could not convert $f"
	done
	sleep 2 # zip times have two-second resolution: the clock must not show
	i=0
	for f; do
		i=$((i + 1))
		"$galley" -q -t docx -o "d$i.docx" "$f" || fail "galley could not convert $f"
		cmp -s "c$i.docx" "d$i.docx" || fail "$f: two runs without SOURCE_DATE_EPOCH differ"
	done
	echo "compared $i input(s)"
	;;
data-dir)
	features=$1
	mkdir -p data/docx
	sed 's/w:styleId="Title">/w:styleId="Title"><!-- house style -->/' "$here/../../formats/docx/styles.xml" >data/docx/styles.xml
	grep -q 'house style' data/docx/styles.xml || { fail "could not make the override"; exit 1; }
	"$galley" -O data-dir="$PWD/data" -o over.docx "$features" || fail "galley -O data-dir failed"
	unzip -p over.docx word/styles.xml | grep -q 'house style' || fail "data-dir/docx/styles.xml was not used"
	"$galley" -o plain.docx "$features" || fail "galley failed"
	unzip -p plain.docx word/styles.xml | grep -q 'house style' && fail "the embedded styles.xml has the override's marker"
	# formats/docx/styles.xml, the release's language in its run defaults
	sed 's|</w:rPr></w:rPrDefault>|<w:lang w:val="en"/>&|' "$here/../../formats/docx/styles.xml" >expected-styles.xml
	grep -q '<w:lang w:val="en"/></w:rPr></w:rPrDefault>' expected-styles.xml || fail "could not make the expected styles.xml"
	unzip -p plain.docx word/styles.xml | cmp -s - expected-styles.xml || fail "word/styles.xml is not formats/docx/styles.xml with the language"
	unzip -p over.docx word/styles.xml | grep -q '<w:lang w:val="en"/></w:rPr></w:rPrDefault>' || fail "the override's run defaults have no language"
	printf '<w:numbering xmlns:w="%s"/>\n' "$W" >data/docx/numbering.xml
	"$galley" -O data-dir="$PWD/data" -o bad.docx "$features" 2>err && fail "a numbering.xml without </w:numbering> was accepted"
	grep -q 'numbering.xml has no </w:numbering>' err || fail "no message for a bad numbering.xml: $(cat err)"
	[ -e bad.docx ] && fail "a failed conversion left bad.docx"
	;;
korean)
	korean=$1
	"$galley" -o k.docx "$korean" || { fail "galley could not convert $korean"; exit 1; }
	L="(//*[local-name()='r']/*[local-name()='rPr'])[1]"
	D="//*[local-name()='docDefaults']/*[local-name()='rPrDefault']/*[local-name()='rPr']"
	check k.docx word/styles.xml "string($D/*[local-name()='lang']/@*[local-name()='val'])" ko-KR
	check k.docx word/styles.xml "string($D/*[local-name()='lang']/@*[local-name()='eastAsia'])" ko-KR
	check k.docx word/document.xml "count(//*[local-name()='rPr']/*[local-name()='lang'])" 0
	check k.docx word/document.xml "string($L/*[local-name()='rFonts']/@*[local-name()='eastAsia'])" "Malgun Gothic"
	check k.docx word/fontTable.xml "count(//*[local-name()='font'][@*[local-name()='name']='Malgun Gothic'])" 1
	if [ "$(xp k.docx word/numbering.xml "count(//*[local-name()='num'][*[local-name()='abstractNumId']/@*[local-name()='val']='2'])")" != 0 ]; then
		fail "a Korean release's bullets use the generic bullets"
	fi
	check k.docx word/numbering.xml "string(//*[local-name()='abstractNum'][@*[local-name()='abstractNumId']='3']/*[local-name()='lvl'][1]/*[local-name()='lvlText']/@*[local-name()='val'])" "□"
	python3 "$here/docx_order.py" k.docx || fail "docx_order.py"
	;;
python-docx)
	features=$1 seed_txt=$2 seed_html=$3 expected=$4
	py=
	for p in python3 /usr/bin/python3; do
		if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import docx' 2>/dev/null; then py=$p; break; fi
	done
	[ -n "$py" ] || skip "python-docx is missing (apt-get install python3-docx)"
	"$galley" -o f.docx "$features" || fail "galley could not convert $features"
	"$galley" -f text -o seed-text.docx "$seed_txt" || fail "galley could not convert $seed_txt"
	"$galley" -f html -o seed-html.docx "$seed_html" || fail "galley could not convert $seed_html"
	"$py" - "$expected" seed-text.docx seed-html.docx f.docx <<'PY' || fail "python-docx checks"
import json, sys
import docx
expected = json.load(open(sys.argv[1]))
texts = [p["text"] for p in expected["paragraphs"]]
numbers = [p["number"] for p in expected["paragraphs"]]
title = expected["title"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
bad = 0
def no(msg):
    global bad
    print("FAIL:", msg)
    bad = 1
for path in sys.argv[2:4]:
    d = docx.Document(path)
    numbered = [p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    got = [p.text for p in numbered]
    if got != texts:
        no(f"{path}: numbered paragraphs {got!r}, expected {texts!r}")
    ids = {p._p.pPr.numPr.numId.val for p in numbered}
    if len(ids) != 1:
        no(f"{path}: numbered paragraphs in {len(ids)} lists")
    numbering = d.part.numbering_part.element
    num = numbering.num_having_numId(ids.pop()) if ids else None
    if num is None:
        no(f"{path}: no w:num for the numbered paragraphs")
    else:
        # the numbers Word shows: the list's start, then one more for each paragraph
        so = num.find(f"{W}lvlOverride/{W}startOverride")
        start = int(so.get(f"{W}val")) if so is not None else 1
        if [start + i for i in range(len(numbered))] != numbers:
            no(f"{path}: numbering from {start}, expected {numbers}")
    titled = [p.text for p in d.paragraphs if p.style.name == "Title"]
    if titled != [title]:
        no(f"{path}: Title-styled paragraphs {titled!r}")
    cp = d.core_properties
    if cp.title != title:
        no(f"{path}: core title {cp.title!r}")
    if cp.created is None or cp.created.strftime("%Y-%m-%d") != expected["date"]:
        no(f"{path}: core created {cp.created!r}")
    if cp.language != expected["language"]:
        no(f"{path}: core language {cp.language!r}")
d = docx.Document(sys.argv[4])
cp = d.core_properties
if (cp.author, cp.subject, cp.keywords) != ("Ministry of Testing", "Press Releases", "trade, security"):
    no(f"features: core properties {(cp.author, cp.subject, cp.keywords)!r}")
tables = d.tables
if len(tables) != 1 or len(tables[0].columns) != 3 or tables[0].cell(0, 1).text != "Q1–Q2":
    no("features: the table is not read as 3 columns with Q1–Q2 spanning")
print("ok: python-docx reads the numbering, the title and the core properties" if not bad else "")
sys.exit(bad)
PY
	;;
images)
	# data: and local images embedded with their own sizes; remote, missing and non-images stay text.
	images=$1
	"$galley" -o i.docx "$images" || { fail "galley could not convert $images"; exit 1; }
	media=$(unzip -Z1 i.docx | grep '^word/media/' | sort | tr '\n' ' ')
	[ "$media" = "word/media/image1.png word/media/image2.png word/media/image3.jpeg word/media/image4.gif word/media/image5.png word/media/image6.png " ] ||
		fail "media parts: $media"
	unzip -p i.docx word/media/image1.png | cmp -s - "$(dirname "$images")/img/wide.png" || fail "image1.png is not img/wide.png"
	unzip -p i.docx word/media/image5.png | cmp -s - "$(dirname "$images")/img/wide.png" || fail "the data: image is not the PNG it encodes"
	for e in png:image/png jpeg:image/jpeg gif:image/gif; do
		check i.docx '[Content_Types].xml' "string(//*[local-name()='Default'][@Extension='${e%%:*}']/@ContentType)" "${e#*:}"
	done
	D="(//*[local-name()='inline'])"
	check i.docx word/document.xml "count($D)" 5
	# 40x20 px at 96 dpi; the 1200 px banner scaled to the text width (9026 twips), keeping its shape
	check i.docx word/document.xml "concat($D[1]/*[local-name()='extent']/@cx, 'x', $D[1]/*[local-name()='extent']/@cy)" 381000x190500
	check i.docx word/document.xml "concat($D[2]/*[local-name()='extent']/@cx, 'x', $D[2]/*[local-name()='extent']/@cy)" 5731510x1432877
	check i.docx word/document.xml "concat($D[3]/*[local-name()='extent']/@cx, 'x', $D[4]/*[local-name()='extent']/@cy)" 152400x152400
	check i.docx word/document.xml "string($D[1]/*[local-name()='docPr']/@descr)" "A wide box"
	check i.docx word/document.xml "count(//*[local-name()='docPr'][@id='1' or @id='2' or @id='3' or @id='4' or @id='5'])" 5
	check i.docx word/footnotes.xml "string(//*[local-name()='docPr']/@id)" 6
	# wp:inline's children in the schema's order
	check i.docx word/document.xml "concat(local-name($D[1]/*[1]), ' ', local-name($D[1]/*[2]), ' ', local-name($D[1]/*[3]), ' ', local-name($D[1]/*[4]), ' ', local-name($D[1]/*[5]))" \
		"extent effectExtent docPr cNvGraphicFramePr graphic"
	rels=$(unzip -p i.docx word/_rels/document.xml.rels)
	for id in $(xp i.docx word/document.xml "//*[local-name()='blip']/@*[local-name()='embed']" | sed 's/.*="\(.*\)"/\1/'); do
		echo "$rels" | xmllint --xpath "//*[local-name()='Relationship'][@Id='$id'][@Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/image'][starts-with(@Target, 'media/')][not(@TargetMode)]" - >/dev/null 2>&1 ||
			fail "image $id has no internal image relationship"
	done
	unzip -p i.docx word/_rels/footnotes.xml.rels | grep -q 'Target="media/image6.png"' || fail "the note's image has no relationship of the footnotes part"
	echo "$rels" | grep -q 'Target="https://example.org/remote.png" TargetMode="External"' || fail "the remote image is not a link"
	check i.docx word/document.xml "string(//*[local-name()='hyperlink'])" "a remote picture"
	grep -q "a missing picture" <(unzip -p i.docx word/document.xml) || fail "the missing image's alt text is gone"
	grep -q "not a picture" <(unzip -p i.docx word/document.xml) || fail "the non-image's alt text is gone"
	python3 "$here/docx_order.py" i.docx || fail "docx_order.py"
	;;
libreoffice)
	# One soffice for all the text conversions, one for all the PDFs, with a profile of its own.
	features=$1 seed_txt=$2 seed_html=$3 expected=$4 korean=$5
	command -v soffice >/dev/null 2>&1 || skip "soffice is missing (apt-get install libreoffice-writer-nogui)"
	"$galley" -o features.docx "$features" || fail "galley could not convert $features"
	"$galley" -f text -o seed-text.docx "$seed_txt" || fail "galley could not convert $seed_txt"
	"$galley" -f html -o seed-html.docx "$seed_html" || fail "galley could not convert $seed_html"
	"$galley" -o korean.docx "$korean" || fail "galley could not convert $korean"
	so() { timeout 120 soffice -env:UserInstallation="file://$work/profile" --headless --norestore "$@" >>soffice.log 2>&1; }
	so --convert-to txt:Text --outdir txt ./*.docx || fail "soffice --convert-to txt failed: $(tail -3 soffice.log)"
	so --convert-to pdf --outdir pdf ./*.docx || fail "soffice --convert-to pdf failed: $(tail -3 soffice.log)"
	for d in features seed-text seed-html korean; do
		[ -s "txt/$d.txt" ] || fail "no text from $d.docx"
		[ "$(head -c 4 "pdf/$d.pdf" 2>/dev/null)" = "%PDF" ] || fail "no PDF from $d.docx"
	done
	python3 "$here/lo_text.py" "$expected" txt || fail "the text LibreOffice reads is not the release's, in order"
	;;
reference-doc)
	validate=$1 seed_txt=$2 seed_html=$3
	command -v soffice >/dev/null 2>&1 || skip "soffice is missing (apt-get install libreoffice-writer-nogui)"
	[ -x "$validate" ] || skip "$validate is missing (the project's ../shared folder)"
	so() { timeout 120 soffice -env:UserInstallation="file://$work/profile" --headless --norestore "$@" >>soffice.log 2>&1; }
	# a reference of LibreOffice's own making: a style of its own, Letter pages, a header and a footer
	cat >ministry.fodt <<'FODT'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Ministry_20_Body" style:display-name="Ministry Body" style:family="paragraph"><style:text-properties fo:color="#003366"/></style:style>
  <style:style style:name="Title" style:family="paragraph"><style:text-properties fo:font-size="30pt" fo:color="#800000"/></style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.59cm" fo:page-height="27.94cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/><style:header-style/><style:footer-style/></style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p>Ministry of Examples Press Office</text:p></style:header>
   <style:footer><text:p>Page <text:page-number text:select-page="current"/></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text><text:p text:style-name="Ministry_20_Body">Reference text</text:p></office:text></office:body>
</office:document>
FODT
	"$galley" -f text -o plain.docx "$seed_txt" || fail "galley could not convert $seed_txt"
	mkdir -p lo
	so --convert-to docx --outdir lo ministry.fodt plain.docx || fail "soffice could not make the reference documents: $(tail -3 soffice.log)"
	[ -s lo/ministry.docx ] && [ -s lo/plain.docx ] || { fail "soffice made no reference document"; exit 1; }
	"$galley" --reference-doc lo/ministry.docx -f text -o ministry-text.docx "$seed_txt" || fail "--reference-doc lo/ministry.docx refused"
	"$galley" -O reference-doc=lo/ministry.docx -f html -o ministry-html.docx "$seed_html" || fail "-O reference-doc= refused"
	"$galley" --reference-doc lo/plain.docx -f text -o resaved.docx "$seed_txt" || fail "--reference-doc lo/plain.docx refused"
	"$validate" docx ministry-text.docx ministry-html.docx resaved.docx || fail "an output with a reference document does not validate"
	for d in ministry-text.docx ministry-html.docx; do
		check $d word/styles.xml "count(//*[local-name()='style'][@*[local-name()='styleId']='MinistryBody'])" 1
		check $d word/styles.xml "string(//*[local-name()='style'][@*[local-name()='styleId']='Title']//*[local-name()='color']/@*[local-name()='val'])" 800000
		for id in ReleaseDate ReleaseIssuer ReleaseInfo Heading1 Heading6 Signature Contact SourceCode Quote; do
			check $d word/styles.xml "count(//*[local-name()='style'][@*[local-name()='styleId']='$id'])" 1
		done
		check $d word/document.xml "string(//*[local-name()='sectPr']/*[local-name()='pgSz']/@*[local-name()='w'])" 12240
		check $d word/document.xml "count(//*[local-name()='sectPr']/*[local-name()='headerReference'])" 1
		check $d word/document.xml "count(//*[local-name()='sectPr']/*[local-name()='footerReference'])" 1
		rid=$(xp $d word/document.xml "string(//*[local-name()='headerReference']/@*[local-name()='id'])")
		hdr=$(xp $d word/_rels/document.xml.rels "string(//*[local-name()='Relationship'][@Id='$rid']/@Target)")
		[ -n "$hdr" ] && unzip -p $d "word/$hdr" | grep -q 'Press Office' || fail "$d: the header $rid ($hdr) is not the reference's"
		check $d '[Content_Types].xml' "count(//*[local-name()='Override'][@PartName='/word/$hdr'])" 1
		check $d word/styles.xml "count(//@*[local-name()='Ignorable'])" 0
	done
	# the lists of a document whose numbering has lists of its own: new ids after theirs
	max=$(unzip -p lo/plain.docx word/numbering.xml | xmllint --xpath "count(//*[local-name()='num'])" - 2>/dev/null)
	first=$(xp resaved.docx word/document.xml "string((//*[local-name()='numId'])[1]/@*[local-name()='val'])")
	[ -n "$first" ] && [ "$first" -gt "$max" ] || fail "resaved.docx: the first list is w:num $first, not after the reference's $max"
	check resaved.docx word/numbering.xml "count(//*[local-name()='num'][@*[local-name()='numId']='$first'])" 1
	so --convert-to pdf --outdir pdf ministry-text.docx ministry-html.docx resaved.docx || fail "soffice --convert-to pdf failed: $(tail -3 soffice.log)"
	for d in ministry-text ministry-html resaved; do
		[ "$(head -c 4 "pdf/$d.pdf" 2>/dev/null)" = "%PDF" ] || fail "no PDF from $d.docx"
	done
	if command -v pdftotext >/dev/null 2>&1; then
		pdftotext pdf/ministry-text.pdf - | grep -q 'Press Office' || fail "the PDF of ministry-text.docx has no header"
	fi
	;;
reference-theme)
	validate=$1 seed_txt=$2
	py=
	for p in python3 /usr/bin/python3; do
		if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import docx' 2>/dev/null; then py=$p; break; fi
	done
	[ -n "$py" ] || skip "python-docx is missing (apt-get install python3-docx)"
	[ -x "$validate" ] || skip "$validate is missing (the project's ../shared folder)"
	# a reference made by Word (python-docx's own template), its theme's body font renamed:
	# its styles name theme fonts (w:asciiTheme="minorHAnsi"), which only the theme resolves
	"$py" - <<'PY' || { fail "cannot make the reference document"; exit 1; }
import os, zipfile, docx
src = os.path.join(os.path.dirname(docx.__file__), 'templates', 'default.docx')
with zipfile.ZipFile(src) as zin, zipfile.ZipFile('theme-ref.docx', 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == 'word/theme/theme1.xml':
            text = data.decode('utf-8')
            i = text.index('<a:minorFont>')
            j = text.index('<a:latin typeface="', i) + len('<a:latin typeface="')
            text = text[:j] + 'Galley Theme Serif' + text[text.index('"', j):]
            text = text.replace('name="Office Theme"', 'name="Galley Test Theme"', 1)
            data = text.encode('utf-8')
        zout.writestr(item, data)
PY
	"$galley" --reference-doc theme-ref.docx -f text -o themed.docx "$seed_txt" || fail "--reference-doc theme-ref.docx refused"
	"$galley" -f text -o plain.docx "$seed_txt" || fail "galley could not convert $seed_txt"
	"$validate" docx themed.docx || fail "an output with the reference's theme does not validate"
	T="//*[local-name()='theme']"
	check themed.docx word/theme/theme1.xml "string($T/@name)" "Galley Test Theme"
	check themed.docx word/theme/theme1.xml "string($T//*[local-name()='minorFont']/*[local-name()='latin']/@typeface)" "Galley Theme Serif"
	check themed.docx word/_rels/document.xml.rels \
		"string(//*[local-name()='Relationship'][substring(@Type, string-length(@Type) - 5) = '/theme']/@Target)" theme/theme1.xml
	check themed.docx '[Content_Types].xml' \
		"string(//*[local-name()='Override'][@PartName='/word/theme/theme1.xml']/@ContentType)" \
		application/vnd.openxmlformats-officedocument.theme+xml
	# the styles that name the theme's fonts came along, with the run defaults' one w:lang
	[ "$(xp themed.docx word/styles.xml "count(//@*[local-name()='asciiTheme'][.='minorHAnsi'])")" -gt 0 ] ||
		fail "themed.docx: no style names the theme's minor font"
	[ "$(xp themed.docx word/styles.xml "count(//*[local-name()='rPrDefault']//*[local-name()='lang'])")" -le 1 ] ||
		fail "themed.docx: the run defaults have more than one w:lang"
	"$py" -c 'import docx, sys; d = docx.Document(sys.argv[1]); assert any(p.text.strip() for p in d.paragraphs)' themed.docx ||
		fail "python-docx cannot read themed.docx"
	# galley's own styles name no theme font: no theme part of its own
	unzip -l plain.docx | grep -q 'word/theme/' && fail "plain.docx has a theme part"
	;;
reference-errors)
	seed_txt=$1
	command -v python3 >/dev/null 2>&1 || skip "python3 is missing"
	echo 'not a zip' >notzip.docx
	python3 - <<'PY' || { fail "cannot make the bad reference documents"; exit 1; }
import zipfile
ct = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
with zipfile.ZipFile('nostyles.docx', 'w') as z:
    z.writestr('[Content_Types].xml', ct)
    z.writestr('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
with zipfile.ZipFile('corrupt.docx', 'w') as z:
    z.writestr('[Content_Types].xml', ct)
    z.writestr('word/styles.xml', '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style')
PY
	for r in notzip.docx nostyles.docx corrupt.docx missing.docx; do
		echo keep >out.docx
		"$galley" --reference-doc $r -f text -o out.docx "$seed_txt" 2>err.txt
		rc=$?
		[ $rc = 1 ] || [ $rc = 3 ] || fail "--reference-doc $r: exit $rc, expected 1 (3 for a missing file)"
		[ "$(wc -l <err.txt)" = 1 ] || fail "--reference-doc $r: not one line: $(cat err.txt)"
		grep -q "reference document $r" err.txt || fail "--reference-doc $r: the message does not name it: $(cat err.txt)"
		[ "$(cat out.docx)" = keep ] || fail "--reference-doc $r: the existing output was touched"
		rm -f out.docx
		"$galley" --reference-doc $r -f text -o out.docx "$seed_txt" 2>/dev/null
		[ -e out.docx ] && fail "--reference-doc $r: an output was left"
	done
	grep -q 'not a zip archive' <("$galley" --reference-doc notzip.docx -f text -o x.docx "$seed_txt" 2>&1) || fail "notzip.docx: no 'not a zip archive'"
	grep -q 'has no word/styles.xml' <("$galley" --reference-doc nostyles.docx -f text -o x.docx "$seed_txt" 2>&1) || fail "nostyles.docx: no 'has no word/styles.xml'"
	grep -q 'word/styles.xml: not well-formed XML' <("$galley" --reference-doc corrupt.docx -f text -o x.docx "$seed_txt" 2>&1) || fail "corrupt.docx: no 'not well-formed'"
	# a writer that takes no reference document refuses the option before converting
	"$galley" --reference-doc notzip.docx -t markdown "$seed_txt" >/dev/null 2>err.txt
	[ $? = 2 ] || fail "--reference-doc with -t markdown is not a usage error"
	;;
*)
	echo "usage: docx-check.sh package|same-bytes|data-dir|korean|images|python-docx|libreoffice|reference-doc|reference-errors GALLEY WORKDIR ARGS..." >&2
	exit 2
	;;
esac
exit $status
