#!/bin/bash
# batch.sh CASE — one test of `galley batch` (see CMakeLists.txt), run with
# the built-in plugins. Environment: GALLEY, TESTTMP.
set -u
case_name=$1
work=$TESTTMP/batch-$case_name
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

fail() { echo "FAIL [batch.$case_name]: $*" >&2; echo "--- stderr:" >&2; cat err 2>/dev/null >&2; echo "--- report:" >&2; cat report 2>/dev/null >&2; exit 1; }
skip() { echo "SKIP [batch.$case_name]: $*"; exit 77; }
# b ARGS... — run galley batch; rc in $rc, stderr in ./err.
b() { "$GALLEY" batch "$@" >out 2>err; rc=$?; }
expect_rc() { [ "$rc" = "$1" ] || fail "exit status $rc, expected $1"; }
exists() { for f; do [ -s "$f" ] || fail "$f missing or empty"; done; }
absent() { for f; do [ ! -e "$f" ] || fail "$f should not exist"; done; }
# line INPUT — the report line of INPUT (exactly one).
line() {
	[ "$(jq -c --arg i "$1" 'select(.input == $i)' report | wc -l)" = 1 ] || fail "not exactly one report line for $1"
	jq -c --arg i "$1" 'select(.input == $i)' report
}
status_of() { line "$1" | jq -r .status; }
expect_status() { [ "$(status_of "$1")" = "$2" ] || fail "$1: status $(status_of "$1"), expected $2"; }
no_temp_left() { [ -z "$(find "$@" -name '.*.??????')" ] || fail "temporary files left: $(find "$@" -name '.*.??????')"; }
command -v jq >/dev/null || skip "no jq"
command -v python3 >/dev/null || skip "no python3 to make the archives"

# A tree of releases: text, HTML and JSON documents, a picture and a style
# sheet (not documents), a bad JSON file, a deeper folder.
tree() {
	mkdir -p src/2024/05 src/assets
	printf 'Ministry announces a plan\n\n18 January 2024\n\nThe ministry said today that the plan goes ahead.\n' >src/release.txt
	printf '<html><head><title>Visit</title></head><body><h1>State visit</h1><p>The president visited the port on Monday.</p></body></html>\n' >src/2024/visit.html
	printf '{"galley-ir": 1, "meta": {"title": "From JSON", "date": "2024-05-02"}, "blocks": [{"type": "paragraph", "inlines": [{"type": "text", "text": "A paragraph."}]}]}\n' >src/2024/05/tree.json
	printf 'Second text\n\nAnother paragraph of the release.\n' >src/2024/05/notes.txt
	printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >src/assets/logo.png
	printf 'body { color: red }\n' >src/assets/site.css
	printf '{"galley-ir": 1, "blocks": [' >src/2024/broken.json
}

case $case_name in
tree)
	tree
	b -t markdown,tei,json -o dest --report report src; expect_rc 1
	for n in release 2024/visit 2024/05/tree 2024/05/notes; do exists dest/$n.md dest/$n.tei.xml dest/$n.json; done
	absent dest/2024/broken.md dest/assets
	[ "$(wc -l <report)" = 7 ] || fail "7 inputs, $(wc -l <report) report lines"
	# In input order: the folder walked in strcmp order.
	[ "$(jq -r .input report | tr '\n' ' ')" = "src/2024/05/notes.txt src/2024/05/tree.json src/2024/broken.json src/2024/visit.html src/assets/logo.png src/assets/site.css src/release.txt " ] ||
		fail "report order: $(jq -r .input report | tr '\n' ' ')"
	expect_status src/release.txt ok; expect_status src/2024/broken.json failed
	expect_status src/assets/logo.png skipped; expect_status src/assets/site.css skipped
	line src/2024/broken.json | jq -e '.error | test("JSON")' >/dev/null || fail "no reason for broken.json"
	line src/2024/05/tree.json | jq -e '.title == "From JSON" and .date == "2024-05-02" and (.ms | type == "number")' >/dev/null ||
		fail "title, date or ms missing"
	line src/2024/visit.html | jq -e '.outputs == ["dest/2024/visit.md", "dest/2024/visit.tei.xml", "dest/2024/visit.json"]' >/dev/null ||
		fail "outputs of visit.html: $(line src/2024/visit.html)"
	grep -q "president visited the port" dest/2024/visit.md || fail "visit.md lacks the text"
	# The tree is read once and written by every writer: the JSON output is the tree.
	"$GALLEY" -f json -t markdown dest/2024/visit.json >again.md 2>err || fail "the JSON output does not read back"
	cmp -s again.md dest/2024/visit.md || fail "markdown from the JSON output differs"
	no_temp_left dest
	# Not a terminal and no -v: nothing on standard error.
	[ -s err ] && fail "stderr should be empty without -v"
	b -v -t markdown -o dest2 src; expect_rc 1
	grep -q "converted, 1 failed, 2 skipped" err || fail "no summary with -v"
	# -v and --report at once: each input's messages in both (this crashed)
	b -v -t markdown -o dest3 --report report3 src; expect_rc 1
	grep -q "src/release.txt: text: read as UTF-8" err || fail "-v with --report: no message of release.txt"
	line3=$(jq -c 'select(.input == "src/release.txt") | .messages' report3)
	[ "$line3" = '["text: read as UTF-8"]' ] || fail "-v with --report: the report's messages are $line3"
	# All converted: exit 0; with --force an existing output is replaced (atomically).
	rm src/2024/broken.json; echo stale >dest/release.md
	b --force -t markdown -o dest src; expect_rc 0
	grep -q "plan goes ahead" dest/release.md || fail "existing output not replaced"
	no_temp_left dest ;;
force)
	# Without --force an existing output is never replaced: its input fails
	# (naming the file), nothing of that input is written, the batch goes on.
	tree; rm src/2024/broken.json
	mkdir -p dest/2024; echo stale >dest/release.md; echo mine >secret.txt; ln -s ../../secret.txt dest/2024/visit.md
	b -t markdown,tei -o dest --report report src; expect_rc 1
	expect_status src/release.txt failed; expect_status src/2024/visit.html failed; expect_status src/2024/05/notes.txt ok
	line src/release.txt | jq -e '.error == "dest/release.md exists; not overwritten (--force replaces it, --skip-existing keeps it)" and .outputs == []' >/dev/null ||
		fail "the existing output is not named: $(line src/release.txt)"
	line src/2024/visit.html | jq -e '.error | test("dest/2024/visit.md exists")' >/dev/null || fail "an existing symlink is not named"
	[ "$(cat dest/release.md)" = stale ] || fail "an existing output was overwritten without --force"
	[ "$(cat secret.txt)" = mine ] && [ -L dest/2024/visit.md ] || fail "the symlink or what it points to was touched"
	absent dest/release.tei.xml dest/2024/visit.tei.xml # all of an input's outputs, or none
	exists dest/2024/05/notes.md dest/2024/05/notes.tei.xml
	# A second run over the same DEST: every input fails, nothing changes.
	cp -a dest before
	b -t markdown,tei -o dest --report report src; expect_rc 1
	[ "$(jq -r .status report | sort -u | tr '\n' ' ')" = "failed skipped " ] || fail "a rerun without --force: $(jq -r .status report | sort | uniq -c)"
	diff -r before dest >/dev/null || fail "a rerun without --force changed DEST"
	# --force: replaced whole, the symlink by a file (what it pointed to is untouched).
	b --force -t markdown,tei -o dest --report report src; expect_rc 0
	grep -q "plan goes ahead" dest/release.md || fail "--force did not replace release.md"
	[ ! -L dest/2024/visit.md ] && grep -q "president visited" dest/2024/visit.md || fail "--force did not replace the symlink"
	[ "$(cat secret.txt)" = mine ] || fail "--force wrote through a symlink"
	exists dest/release.tei.xml dest/2024/visit.tei.xml
	no_temp_left dest
	# --skip-existing keeps what exists (even stale) and writes only what is missing.
	echo stale >dest/release.md; rm dest/release.tei.xml dest/2024/visit.md dest/2024/visit.tei.xml
	b --skip-existing -t markdown,tei -o dest --report report src; expect_rc 0
	[ "$(cat dest/release.md)" = stale ] || fail "--skip-existing replaced an output"
	exists dest/release.tei.xml dest/2024/visit.md dest/2024/visit.tei.xml
	expect_status src/release.txt ok; expect_status src/2024/05/notes.txt skipped
	line src/release.txt | jq -e '.outputs == ["dest/release.tei.xml"]' >/dev/null || fail "outputs of a partly done input: $(line src/release.txt)"
	# With --skip-existing a folder or symlink in an output's place is still a failure.
	rm dest/2024/05/notes.md; mkdir dest/2024/05/notes.md
	b --skip-existing -t markdown,tei -o dest --report report src; expect_rc 1
	line src/2024/05/notes.txt | jq -e '.status == "failed" and (.error | test("notes.md exists"))' >/dev/null || fail "a folder in an output's place"
	# They contradict each other.
	b --force --skip-existing -t markdown -o dest src; expect_rc 2
	grep -q -- "--force replaces existing outputs and --skip-existing keeps them" err || fail "no reason for --force --skip-existing"
	# A .zip DEST is one output: refused if it exists, replaced with --force.
	b -t markdown -o all.zip src; expect_rc 0; cp all.zip all.before
	b -t markdown -o all.zip src; expect_rc 1
	grep -q "all.zip exists; not overwritten" err || fail "an existing zip DEST not named"
	cmp -s all.zip all.before || fail "the zip DEST was changed"
	b --force -t markdown,tei -o all.zip src; expect_rc 0
	cmp -s all.zip all.before && fail "--force did not replace the zip DEST"
	no_temp_left . ;;
killed)
	# kill -9 in the middle (no handler runs): no partial or temporary file,
	# and --skip-existing then gives exactly the outputs of one whole run.
	mkdir -p src/a src/b
	for i in $(seq 1 1500); do printf 'Release %s\n\nThe text of release %s, with a few words more.\n' $i $i >src/a/r$i.txt; done
	for i in $(seq 1 500); do printf '<html><body><h1>Page %s</h1><p>Body %s.</p></body></html>\n' $i $i >src/b/p$i.html; done
	b -j 2 -t markdown,tei,json -o whole src; expect_rc 0
	"$GALLEY" batch -j 2 -t markdown,tei,json -o dest src >out 2>err & pid=$!
	for t in $(seq 1 500); do [ "$(find dest -type f 2>/dev/null | head -30 | wc -l)" -ge 30 ] && break; sleep 0.01; done
	kill -KILL $pid 2>/dev/null; wait $pid; killed=$?
	[ "$killed" = 137 ] || skip "the run ended (status $killed) before kill -9 came"
	n=$(find dest -type f | wc -l); [ "$n" -lt 6000 ] || skip "every output was written before kill -9 came"
	[ -z "$(find dest -name '.*')" ] || fail "left behind by kill -9: $(find dest -name '.*' | head)"
	for f in $(find dest -type f); do cmp -s "$f" "whole/${f#dest/}" || fail "$f is not whole after kill -9"; done
	b -j 2 -t markdown,tei,json -o dest --skip-existing --report report src; expect_rc 0
	diff -r whole dest >/dev/null || fail "the resumed run differs from one whole run"
	[ "$(jq -c 'select(.status == "skipped")' report | wc -l)" -le $((n / 3)) ] || fail "skipped more inputs than were whole"
	[ "$(wc -l <report)" = 2000 ] || fail "not one line per input" ;;
jobs)
	# Output bytes, names and the report (less ms) do not depend on -j.
	tree
	for i in 1 2 3 4 5 6; do printf 'Release %s\n\nParagraph %s of a longer text.\n' $i $i >src/2024/r$i.txt; done
	b -j 1 -t markdown,tei,json -o d1 --report r1 src; expect_rc 1
	b -j 4 -t markdown,tei,json -o d4 --report r4 src; expect_rc 1
	diff -r d1 d4 >/dev/null || fail "-j 1 and -j 4 outputs differ"
	[ "$(jq -c 'del(.ms) | .outputs |= map(sub("^d[14]/"; ""))' r1)" = "$(jq -c 'del(.ms) | .outputs |= map(sub("^d[14]/"; ""))' r4)" ] ||
		fail "-j 1 and -j 4 reports differ"
	# A zip whose large members come last: with several workers they are
	# read ahead of their place, and still nothing depends on it: outputs,
	# the report and its order (the zip's), and which of two colliding
	# names wins (the first: dup.html, not the large DUP.html after it).
	python3 -c "
import zipfile
z = zipfile.ZipFile('big.zip', 'w', zipfile.ZIP_DEFLATED)
def page(n, k):
    return '<html><head><title>%s</title></head><body>' % n + ''.join('<p>Paragraph %d of %s, with <a href=\"https://example.org/%d\">a link</a>.</p>' % (i, n, i) for i in range(k)) + '</body></html>'
for i in range(30):
    z.writestr('s%02d.html' % i, page('small %d' % i, 20))
    if i == 3:
        z.writestr('dup.html', page('dup', 10))
for n, k in (('x1', 9000), ('x2', 11000), ('DUP', 12000), ('x3', 8000)):
    z.writestr(n + '.html', page(n, k))
z.writestr('s99.html', page('last', 5))
z.close()" || fail "cannot make big.zip"
	for j in 1 2 3; do
		b -j $j -t markdown,docx -o z$j --report zr$j big.zip; expect_rc 1
	done
	for j in 2 3; do
		diff -r z1/big "z$j/big" >/dev/null || fail "-j 1 and -j $j outputs of big.zip differ"
		norm='del(.ms) | .outputs |= map(sub("^z[0-9]/"; "")) | .error |= (if . then gsub("z[0-9]/"; "") else . end)'
		[ "$(jq -c "$norm" zr1)" = "$(jq -c "$norm" "zr$j")" ] ||
			fail "-j 1 and -j $j reports of big.zip differ"
	done
	[ "$(jq -r .input zr2)" = "$(unzip -Z1 big.zip | sed 's|^|big.zip/|')" ] || fail "the report is not in the zip's order: $(jq -r .input zr2)"
	cp zr2 report
	expect_status big.zip/dup.html ok; expect_status big.zip/DUP.html failed
	line big.zip/DUP.html | jq -e '.error | test("differs only in case")' >/dev/null || fail "DUP.html: $(line big.zip/DUP.html)"
	grep -q "Paragraph 10999 of x2" z2/big/x2.md || fail "x2.md is not whole" ;;
collision)
	mkdir -p src
	printf 'Text one\n\nFrom the text file.\n' >src/a.txt
	printf '<html><body><p>From the HTML file.</p></body></html>\n' >src/a.html
	printf 'Upper\n\nCase.\n' >src/B.txt; printf 'lower\n\ncase.\n' >src/b.txt
	b -t markdown -o dest --report report src; expect_rc 1
	# strcmp order: B.txt a.html a.txt b.txt; the later of each pair fails.
	expect_status src/a.html ok; expect_status src/a.txt failed; expect_status src/B.txt ok; expect_status src/b.txt failed
	line src/a.txt | jq -e '.error | test("dest/a.md is already the output of src/a.html")' >/dev/null || fail "collision not named"
	line src/b.txt | jq -e '.error | test("case")' >/dev/null || fail "case collision not named"
	grep -q "From the HTML file" dest/a.md || fail "a.md is not the first input's"
	absent dest/b.md
	# Unicode: one name in NFC and in NFD, and names differing only in
	# (non-ASCII) case, collide too, in a folder and in a zip.
	mkdir -p uni; nfc=$(printf 'caf\303\251'); nfd=$(printf 'cafe\314\201')
	printf 'NFC\n\nComposed.\n' >"uni/$nfc.txt"; printf 'NFD\n\nDecomposed.\n' >"uni/$nfd.txt"
	printf 'Upper\n\nUmlaut.\n' >"uni/$(printf '\303\204rger').txt"; printf 'lower\n\numlaut.\n' >"uni/$(printf '\303\244rger').txt"
	python3 -c "
import zipfile, unicodedata
z = zipfile.ZipFile('uni.zip', 'w')
for n in ('\u00e9t\u00e9.html', unicodedata.normalize('NFD', '\u00e9t\u00e9.html'), 'STRASSE.html', 'stra\u00dfe.html'):
    z.writestr(n, '<p>' + n + '</p>')
z.close()" || fail "cannot make uni.zip"
	b -t markdown,tei -o udest --report report uni uni.zip; expect_rc 1
	[ "$(jq -r .status report | sort | uniq -c | awk '{ printf "%s %s ", $1, $2 }')" = "4 failed 4 ok " ] || fail "Unicode collisions: $(cat report)"
	# strcmp order: the NFD spelling (e + U+0301) comes first.
	line "uni/$nfc.txt" | jq -e --arg o "udest/$nfd.md" '.error | test("is the same name as .* in another Unicode normalisation \\(NFC, NFD\\), the output of uni/") and contains($o)' >/dev/null ||
		fail "NFC/NFD collision not named: $(line "uni/$nfc.txt")"
	jq -se 'map(select(.status == "failed" and (.error | test("differs only in case")))) | length == 2' report >/dev/null ||
		fail "Unicode case collisions (Ä/ä, STRASSE/straße) not found"
	[ "$(find udest -type f | wc -l)" = 8 ] || fail "collisions were written: $(find udest -type f)"
	# Two folders given: each one's tree is relative to itself, so they collide too.
	mkdir -p other; printf 'x\n' >other/a.txt
	b -t markdown -o dest2 --report report src/a.html other; expect_rc 1
	expect_status src/a.html ok; expect_status other/a.txt failed ;;
archives)
	python3 - <<'PY' || fail "cannot make the archives"
import io, tarfile, zipfile
z = zipfile.ZipFile('news.zip', 'w')
z.writestr('2024/a.html', '<html><body><h1>A</h1><p>Zip member a.</p></body></html>')
z.writestr('../evil.txt', 'evil\n')
z.writestr('/abs.txt', 'absolute\n')
z.writestr('img/x.png', b'\x89PNG\r\n\x1a\n\0\0')
link = zipfile.ZipInfo('link.txt'); link.create_system = 3; link.external_attr = 0o120777 << 16
z.writestr(link, '/etc/passwd')
z.close()
for name, mode in (('rel.tar.gz', 'w:gz'), ('rel.tar.xz', 'w:xz'), ('plain.tar', 'w')):
    t = tarfile.open(name, mode)
    def add(n, data=b'', kind=tarfile.REGTYPE, target=''):
        ti = tarfile.TarInfo(n); ti.type = kind; ti.linkname = target
        ti.size = len(data) if kind == tarfile.REGTYPE else 0
        t.addfile(ti, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    add('docs/b.txt', b'B title\n\nTar member b.\n')
    add('../../evil.txt', b'evil\n')
    add('/tmp/abs-galley-batch.txt', b'absolute\n')
    add('docs/../../up.txt', b'up\n')
    add('bad\xff.txt'.encode('latin-1').decode('utf-8', 'surrogateescape'), b'x\n')
    add('sym', kind=tarfile.SYMTYPE, target='/etc/passwd')
    add('hard', kind=tarfile.LNKTYPE, target='docs/b.txt')
    add('dev', kind=tarfile.CHRTYPE)
    add('blk', kind=tarfile.BLKTYPE)
    add('fifo', kind=tarfile.FIFOTYPE)
    t.close()
# A NUL inside a zip member's name (Python cuts names at NUL: patched in).
z = zipfile.ZipFile('nul.zip', 'w')
z.writestr('aXb.html', '<p>NUL member.</p>'); z.writestr('badX.html', '<p>x</p>')
z.close()
d = open('nul.zip', 'rb').read().replace(b'aXb.html', b'a\0b.html').replace(b'badX.html', b'bad\xff.html')
open('nul.zip', 'wb').write(d)
PY
	mkdir dest
	b -t markdown -o dest/out --report report news.zip rel.tar.gz; expect_rc 1
	exists dest/out/news/2024/a.md dest/out/rel/docs/b.md
	grep -q "Zip member a" dest/out/news/2024/a.md || fail "zip member not converted"
	# DEST is dest/out: '../' leads to dest/, '../../' here, '../../../' above.
	for f in dest/evil.txt evil.txt ../evil.txt up.txt dest/up.txt /tmp/abs-galley-batch.txt /abs.txt; do
		[ ! -e "$f" ] || fail "$f was written outside DEST"
	done
	[ "$(find dest -type f | wc -l)" = 2 ] || fail "DEST holds more than the two documents: $(find dest -type f)"
	expect_status "news.zip/../evil.txt" failed; expect_status "news.zip//abs.txt" failed
	expect_status "news.zip/link.txt" failed; expect_status "news.zip/img/x.png" skipped
	line "news.zip/../evil.txt" | jq -e '.error | test("\\.\\.")' >/dev/null || fail "zip-slip not named"
	line "news.zip/link.txt" | jq -e '.error | test("symlink")' >/dev/null || fail "zip symlink not named"
	expect_status "rel.tar.gz/../../evil.txt" failed; expect_status "rel.tar.gz//tmp/abs-galley-batch.txt" failed
	expect_status "rel.tar.gz/docs/../../up.txt" failed
	line "rel.tar.gz//tmp/abs-galley-batch.txt" | jq -e '.error | test("absolute")' >/dev/null || fail "absolute name not named"
	expect_status "rel.tar.gz/sym" failed; expect_status "rel.tar.gz/hard" failed; expect_status "rel.tar.gz/dev" failed
	line "rel.tar.gz/hard" | jq -e '.error | test("hard link")' >/dev/null || fail "hard link not named"
	line "rel.tar.gz/dev" | jq -e '.error | test("device")' >/dev/null || fail "device not named"
	jq -se 'map(select(.input | test("^rel.tar.gz/bad"))) | length == 1 and .[0].status == "failed" and (.[0].error | test("UTF-8"))' report >/dev/null ||
		fail "invalid UTF-8 name not refused"
	expect_status "rel.tar.gz/blk" failed; expect_status "rel.tar.gz/fifo" failed
	line "rel.tar.gz/fifo" | jq -e '.error | test("FIFO")' >/dev/null || fail "FIFO not named"
	[ "$(jq -r '.input' report | grep -c '^rel.tar.gz/')" = 10 ] || fail "not one line per tar member"
	# libzip hands out names as C strings with a NUL made a space, so that is
	# the name galley sees (README says so); a name that is not UTF-8 is refused.
	b -t markdown -o destn --report report nul.zip; expect_rc 1
	exists "destn/nul/a b.md"
	jq -se 'map(select(.input | test("^nul.zip/bad"))) | length == 1 and .[0].status == "failed" and (.[0].error | test("not valid UTF-8"))' report >/dev/null ||
		fail "a zip member name that is not UTF-8 not refused: $(cat report)"
	b -t markdown -o dest2 rel.tar.xz plain.tar; expect_rc 1
	exists dest2/rel/docs/b.md dest2/plain/docs/b.md
	# A damaged archive: reported, and the batch goes on.
	head -c 100 rel.tar.gz >cut.tar.gz; printf 'not a zip' >junk.zip; printf 'Fine\n\nA text.\n' >fine.txt
	b -t markdown -o dest3 --report report cut.tar.gz junk.zip fine.txt; expect_rc 1
	expect_status cut.tar.gz failed; expect_status junk.zip failed; expect_status fine.txt ok
	exists dest3/fine.md ;;
limits)
	# Decompression bombs, made here (small on disk): a member that expands
	# too much, one too large, too many members, too much in all; each a
	# failure naming the member and the limit, and the batch goes on.
	python3 - <<'PY' || fail "cannot make the archives"
import io, random, tarfile, zipfile
z = zipfile.ZipFile('bomb.zip', 'w', zipfile.ZIP_DEFLATED)
z.writestr('ok.html', '<p>Before the bomb.</p>')
z.writestr('ratio.html', '<p>bomb</p>\n' * 100000)   # 1.2 MB from a few KB
z.writestr('big.txt', b'a' * (65 << 20))             # 65 MiB from 64 KB
z.writestr('after.html', '<p>After the bomb.</p>')
z.close()
def tar(name, mode, members):
    t = tarfile.open(name, mode)
    for n, d in members:
        ti = tarfile.TarInfo(n); ti.size = len(d); t.addfile(ti, io.BytesIO(d))
    t.close()
tar('tbomb.tar.gz', 'w:gz', [('ok.html', b'<p>Before.</p>'), ('big.txt', b'a' * (65 << 20)), ('after.html', b'<p>After.</p>')])
tar('ratio.tar.gz', 'w:gz', [('ok.html', b'<p>Before.</p>'), ('zeros.txt', b'x' * (8 << 20)), ('after.html', b'<p>After.</p>')])
rnd = random.Random(1)
text = lambda: ('\n\n'.join(' '.join(str(rnd.random()) for _ in range(10)) for _ in range(1200)) + '\n').encode()
parts = [('p%d.txt' % i, text()) for i in range(3)]          # about 250 KB each
tar('parts.tar', 'w', parts)
z = zipfile.ZipFile('parts.zip', 'w', zipfile.ZIP_DEFLATED)
for n, d in parts: z.writestr(n, d)
z.close()
PY
	for f in bomb.zip tbomb.tar.gz ratio.tar.gz; do [ "$(stat -c %s $f)" -lt 200000 ] || fail "$f is not small on disk"; done
	b -t markdown -o dest --report report bomb.zip tbomb.tar.gz ratio.tar.gz; expect_rc 1
	expect_status bomb.zip/ok.html ok; expect_status bomb.zip/after.html ok
	line bomb.zip/ratio.html | jq -e '.status == "failed" and (.error | test("expands more than 200 times.*--max-ratio"))' >/dev/null ||
		fail "the zip member's ratio: $(line bomb.zip/ratio.html)"
	line bomb.zip/big.txt | jq -e '.error | test("65 MiB uncompressed .*more than the limit of 64 MiB per member \\(--max-member-size")' >/dev/null ||
		fail "the zip member's size: $(line bomb.zip/big.txt)"
	# A tar.gz is one stream: the big member is refused, and read through
	# (not skipped) it shows the archive expanding too much: the rest is not read.
	expect_status tbomb.tar.gz/ok.html ok
	line tbomb.tar.gz/big.txt | jq -e '.error | test("65 MiB uncompressed.*--max-member-size")' >/dev/null || fail "tar member size: $(line tbomb.tar.gz/big.txt)"
	line tbomb.tar.gz | jq -e '.error | test("the archive expands more than 200 times.*the rest is not read")' >/dev/null || fail "tar ratio: $(line tbomb.tar.gz)"
	line ratio.tar.gz/zeros.txt | jq -e '.error | test("the archive expands more than 200 times.*after this one are not read")' >/dev/null ||
		fail "tar member ratio: $(line ratio.tar.gz/zeros.txt)"
	[ "$(jq -r .input report | grep -c after.html)" = 1 ] || fail "members after a stopped stream were read"
	absent dest/bomb/ratio.md dest/bomb/big.md dest/ratio/zeros.md
	# Raised: what was refused is converted.
	b --max-ratio none -t markdown -o dest2 --report report bomb.zip; expect_rc 1
	expect_status bomb.zip/ratio.html ok; expect_status bomb.zip/big.txt failed
	# Lowered: a plain tar's member over the limit by the size it declares, a zip's by what it gives.
	b --max-member-size 100K -t markdown -o dest3 --report report parts.tar; expect_rc 1
	line parts.tar/p1.txt | jq -e '.error | test("uncompressed \\(as the archive says\\), more than the limit of 100 KiB per member")' >/dev/null ||
		fail "lowered member size: $(line parts.tar/p1.txt)"
	[ "$(jq -r .status report | sort -u)" = failed ] || fail "a member over 100 KiB converted"
	# Too many members: a zip says how many (refused whole), a tar is stopped.
	b --max-members 2 -t markdown -o dest4 --report report parts.zip parts.tar; expect_rc 1
	line parts.zip | jq -e '.error | test("3 members, more than the limit of 2 \\(--max-members")' >/dev/null || fail "zip members: $(line parts.zip)"
	expect_status parts.tar/p0.txt ok; expect_status parts.tar/p1.txt ok
	line parts.tar/p2.txt | jq -e '.error | test("more than 2 members, the limit of --max-members")' >/dev/null || fail "tar members: $(line parts.tar/p2.txt)"
	# Too much in all: the member that crosses the line is refused, the rest not read.
	for a in parts.zip parts.tar; do
		b --max-archive-size 400K -t markdown -o dest5-$a --report report $a; expect_rc 1
		expect_status $a/p0.txt ok
		line $a/p1.txt | jq -e '.error | test("more than 400 KiB uncompressed here, the limit per archive \\(--max-archive-size")' >/dev/null ||
			fail "$a total: $(line $a/p1.txt)"
		[ "$(jq -r .input report | grep -c "^$a/p2")" = 0 ] || fail "$a: read past the total limit"
	done
	# Bad values are usage errors.
	for v in "--max-ratio 0" "--max-member-size 12X" "--max-members -1" "--max-archive-size 99999999999999T"; do
		b $v -t markdown -o dest6 parts.tar; expect_rc 2
		grep -q -- "${v%% *} wants" err || fail "$v: no reason"
	done
	b --max-member-size 1GiB --max-archive-size none -t markdown -o dest6 parts.tar; expect_rc 0 ;;
damaged)
	# A gzip cut in the middle of a member, a zip whose member's data is
	# corrupt, a zip without the end of its central directory.
	python3 - <<'PY' || fail "cannot make the archives"
import io, random, tarfile, zipfile
rnd = random.Random(2)
big = ('\n\n'.join(' '.join(str(rnd.random()) for _ in range(10)) for _ in range(3000)) + '\n').encode()
t = tarfile.open('cut.tar.gz', 'w:gz')
for n, d in (('first.txt', b'First\n\nWhole.\n'), ('second.txt', big), ('third.txt', b'Third\n\nLost.\n')):
    ti = tarfile.TarInfo(n); ti.size = len(d); t.addfile(ti, io.BytesIO(d))
t.close()
d = open('cut.tar.gz', 'rb').read(); open('cut.tar.gz', 'wb').write(d[:len(d) // 2])
z = zipfile.ZipFile('corrupt.zip', 'w', zipfile.ZIP_DEFLATED)
z.writestr('a.txt', 'A\n\nFine.\n'); z.writestr('b.txt', big); z.writestr('c.txt', 'C\n\nFine too.\n')
z.close()
d = bytearray(open('corrupt.zip', 'rb').read())
i = d.index(b'b.txt') + 5 + 2000               # inside b.txt's deflated data
d[i:i + 64] = bytes(64)
open('corrupt.zip', 'wb').write(bytes(d))
open('nocd.zip', 'wb').write(bytes(d[:-30]))
PY
	b -t markdown -o dest --report report cut.tar.gz corrupt.zip nocd.zip; expect_rc 1
	expect_status cut.tar.gz/first.txt ok; exists dest/cut/first.md
	jq -se 'map(select(.input | startswith("cut.tar.gz"))) | map(select(.status == "failed")) | length == 1' report >/dev/null ||
		fail "the cut gzip has not exactly one failure line: $(grep cut.tar.gz report)"
	grep '"cut.tar.gz' report | jq -se 'map(select(.status == "failed"))[0].error | test("damaged|truncated|cannot read")' >/dev/null ||
		fail "the cut gzip's failure has no reason"
	absent dest/cut/second.md dest/cut/third.md
	expect_status corrupt.zip/a.txt ok; expect_status corrupt.zip/c.txt ok
	line corrupt.zip/b.txt | jq -e '.status == "failed" and (.error | test("cannot read the member"))' >/dev/null || fail "corrupt member: $(line corrupt.zip/b.txt)"
	absent dest/corrupt/b.md
	line nocd.zip | jq -e '.status == "failed" and (.error | test("cannot read the zip archive"))' >/dev/null || fail "no central directory: $(line nocd.zip)"
	no_temp_left dest
	# Members whose headers lie (both the local one and the central
	# directory's): a wrong CRC, and an uncompressed size too small, then
	# too large. Deflated members are inflated whole at the size declared:
	# none may come out short or be taken with a wrong CRC.
	python3 - <<'PY' || fail "cannot make the lying archives"
import random, struct, zipfile
rnd = random.Random(3)
big = ('\n\n'.join(' '.join(str(rnd.random()) for _ in range(10)) for _ in range(3000)) + '\nThe very end.\n').encode()
def lying(out, patch):
    z = zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('a.txt', 'A\n\nFine.\n'); z.writestr('b.txt', big); z.close()
    d = bytearray(open(out, 'rb').read())
    for sig, at in ((b'PK\x03\x04', 14), (b'PK\x01\x02', 16)):  # CRC, then the sizes
        i = d.index(sig, d.index(sig) + 1)                        # b.txt's header
        crc, csize, size = struct.unpack_from('<III', d, i + at)
        struct.pack_into('<III', d, i + at, *patch(crc, csize, size))
    open(out, 'wb').write(bytes(d))
lying('crc.zip', lambda c, cs, s: (c ^ 1, cs, s))
lying('short.zip', lambda c, cs, s: (c, cs, s // 2))
lying('long.zip', lambda c, cs, s: (c, cs, s + 4096))
PY
	b -t markdown -o dest2 --report report crc.zip short.zip long.zip
	for z in crc short long; do
		expect_status $z.zip/a.txt ok
		case $(status_of $z.zip/b.txt) in
		failed) absent dest2/$z/b.md ;;
		ok) [ $z != crc ] || fail "a member with a wrong CRC was taken"
			grep -q 'The very end' dest2/$z/b.md || fail "$z.zip/b.txt came out short" ;;
		*) fail "$z.zip/b.txt: $(line $z.zip/b.txt)" ;;
		esac
	done
	no_temp_left dest2
	# A zip's members are inflated by the worker converting them when there
	# are several (by the reading thread with -j 1): a corrupt or lying one
	# gives the same report and outputs whichever reads it.
	cp report report-all
	for j in 1 3; do
		b -j $j -t markdown -o dj$j --report rj$j corrupt.zip crc.zip short.zip long.zip; expect_rc 1
	done
	norm='del(.ms) | .outputs |= map(sub("^dj[0-9]/"; "")) | .error |= (if . then gsub("dj[0-9]/"; "") else . end)'
	[ "$(jq -c "$norm" rj1)" = "$(jq -c "$norm" rj3)" ] || fail "-j 1 and -j 3 reports of the damaged zips differ: $(diff rj1 rj3)"
	diff -r dj1 dj3 >/dev/null || fail "-j 1 and -j 3 outputs of the damaged zips differ"
	cp rj3 report
	line corrupt.zip/b.txt | jq -e '.status == "failed" and (.error | test("cannot read the member"))' >/dev/null ||
		fail "corrupt member, -j 3: $(line corrupt.zip/b.txt)"
	absent dj1/corrupt/b.md dj3/corrupt/b.md dj1/crc/b.md dj3/crc/b.md
	no_temp_left dj1 dj3 ;;
files-from)
	tree
	printf 'src/release.txt\nsrc/2024\n\n' >list
	b -t markdown -o dest --report report --files-from list; expect_rc 1
	exists dest/release.md dest/visit.md dest/05/notes.md
	printf 'src/release.txt\0src/2024/visit.html\0' | "$GALLEY" batch -t markdown -o dest0 -0 --files-from - --report report >out 2>err
	rc=$?; expect_rc 0
	exists dest0/release.md dest0/visit.md
	[ "$(wc -l <report)" = 2 ] || fail "two inputs from stdin, $(wc -l <report) lines" ;;
missing)
	printf 'Fine\n\nA text.\n' >fine.txt
	b -t markdown -o dest --report report nosuch.txt fine.txt; expect_rc 1
	expect_status nosuch.txt failed; expect_status fine.txt ok
	line nosuch.txt | jq -e '.error | test("No such file")' >/dev/null || fail "missing input not named" ;;
symlinks)
	mkdir -p src/in; printf 'Inside\n\nText.\n' >src/in/a.txt; printf 'Outside\n\nSecret.\n' >secret.txt
	ln -s ../secret.txt src/out.txt; ln -s in/a.txt src/inlink.txt; ln -s .. src/up
	b -t markdown -o dest --report report src; expect_rc 0
	expect_status src/out.txt skipped; expect_status src/up skipped; expect_status src/inlink.txt ok
	absent dest/out.md; grep -rq Secret dest && fail "followed a symlink out of the tree"
	# DEST inside the tree is not walked again.
	b -t markdown -o src/dest --report report src; expect_rc 0
	[ "$(jq -r .input report | grep -c 'src/dest')" = 0 ] || fail "walked DEST" ;;
zip-dest)
	# A .zip DEST: entries in input order, the same bytes for every -j (with SOURCE_DATE_EPOCH).
	command -v unzip >/dev/null || skip "no unzip"
	tree; mkdir -p out
	SOURCE_DATE_EPOCH=1700000000 "$GALLEY" batch -j 1 -t markdown,tei -o out/all.zip --report report src >out.txt 2>err
	rc=$?; expect_rc 1
	SOURCE_DATE_EPOCH=1700000000 "$GALLEY" batch -j 4 -t markdown,tei -o out/all4.zip src >out.txt 2>err
	rc=$?; expect_rc 1
	cmp -s out/all.zip out/all4.zip || fail "-j 1 and -j 4 zips differ"
	[ "$(unzip -Z1 out/all.zip | tr '\n' ' ')" = "2024/05/notes.md 2024/05/notes.tei.xml 2024/05/tree.md 2024/05/tree.tei.xml 2024/visit.md 2024/visit.tei.xml release.md release.tei.xml " ] ||
		fail "zip entries: $(unzip -Z1 out/all.zip | tr '\n' ' ')"
	unzip -p out/all.zip 2024/visit.md | grep -q "president visited the port" || fail "visit.md in the zip lacks the text"
	line src/2024/visit.html | jq -e '.outputs == ["out/all.zip/2024/visit.md", "out/all.zip/2024/visit.tei.xml"]' >/dev/null ||
		fail "outputs in the zip: $(line src/2024/visit.html)"
	no_temp_left out ;;
interrupted)
	# SIGTERM in the middle: no temporary file is left, every output there is
	# whole, and a second run completes the set.
	mkdir -p src
	for i in $(seq 1 400); do printf 'Release %s\n\nThe text of release %s, with a few words more.\n' $i $i >src/r$i.txt; done
	"$GALLEY" batch -j 2 -t markdown,tei,json -o dest src >out 2>err & pid=$!
	sleep 0.3; kill -TERM $pid 2>/dev/null; wait $pid
	no_temp_left dest
	for f in $(find dest -name '*.json'); do jq -e '."galley-ir" == 1' "$f" >/dev/null || fail "$f is not whole"; done
	before=$(find dest -name '*.json' | wc -l)
	b -t markdown,tei,json -o dest --skip-existing --report report src; expect_rc 0
	[ "$(find dest -type f | wc -l)" = 1200 ] || fail "$(find dest -type f | wc -l) outputs after the second run, not 1200"
	# An input is skipped only when all three of its outputs were there.
	[ "$(jq -r 'select(.status == "skipped") | .error' report | grep -vcx 'every output exists (--skip-existing)')" = 0 ] ||
		fail "skipped for another reason"
	[ "$(jq -c 'select(.status == "skipped")' report | wc -l)" -le "$before" ] || fail "skipped more inputs than had outputs"
	[ "$(wc -l <report)" = 400 ] || fail "not one line per input"
	b -t markdown,tei,json -o dest --skip-existing --report report src; expect_rc 0
	[ "$(jq -r .status report | sort -u)" = skipped ] || fail "a third run should skip everything"
	no_temp_left dest ;;
terminal)
	# On a terminal: a progress line and the summary; -q: neither.
	command -v script >/dev/null || skip "no script(1) to give galley a terminal"
	script -qec "test -t 2" /dev/null >/dev/null 2>&1 </dev/null || skip "no pseudo-terminal here (script(1) cannot open one)"
	tree
	script -qec "'$GALLEY' batch -t markdown -o dest src" /dev/null >tty.out 2>&1 </dev/null
	grep -q "done, 1 failed" tty.out || fail "no progress line on a terminal: $(cat -v tty.out)"
	grep -q "4 converted, 1 failed, 2 skipped in" tty.out || fail "no summary on a terminal: $(cat -v tty.out)"
	script -qec "'$GALLEY' batch -q -t markdown -o dest2 src" /dev/null >tty.out 2>&1 </dev/null
	[ -s tty.out ] && fail "-q should print nothing: $(cat -v tty.out)"; : ;;
shard)
	# Three shards into one DEST give the unsharded outputs, and their reports
	# together its report; collisions across shards are still found.
	tree; printf 'Clash\n\nSame name as release.txt.\n' >src/release.html
	for i in $(seq 1 12); do printf 'Release %s\n\nText %s.\n' $i $i >src/2024/r$i.txt; done
	b -t markdown,json -o all --report report.all src; expect_rc 1
	for k in 0 1 2; do b --shard $k/3 -t markdown,json -o sharded --report report.$k src; done
	diff -r all sharded >/dev/null || fail "the shards' outputs differ from the unsharded run's"
	[ "$(cat report.0 report.1 report.2 | jq -c 'del(.ms) | .outputs |= map(sub("^sharded/"; "")) | .error |= (if . then sub("sharded/"; "") else . end)' | sort)" = \
	  "$(jq -c 'del(.ms) | .outputs |= map(sub("^all/"; "")) | .error |= (if . then sub("all/"; "") else . end)' report.all | sort)" ] ||
		fail "the shards' reports differ from the unsharded report"
	[ -s report.0 ] && [ -s report.1 ] && [ -s report.2 ] || fail "a shard got no input"
	# auto: Slurm's array variables (ids 1..3 here), or Kubernetes' index with N.
	SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=3 "$GALLEY" batch --shard auto -t markdown -o slurm --report report.s src 2>err
	[ "$(jq -r .input report.s)" = "$(jq -r .input report.1)" ] || fail "--shard auto with SLURM_ARRAY_TASK_ID=2 of 1..3 is not shard 1/3"
	JOB_COMPLETION_INDEX=2 "$GALLEY" batch --shard auto/3 -t markdown -o k8s --report report.k src 2>err
	[ "$(jq -r .input report.k)" = "$(jq -r .input report.2)" ] || fail "--shard auto/3 with JOB_COMPLETION_INDEX=2 is not shard 2/3"
	b --shard 3/3 -t markdown -o x src; expect_rc 2
	env -u SLURM_ARRAY_TASK_ID "$GALLEY" batch --shard auto -t markdown -o x src >out 2>err; rc=$?; expect_rc 2
	grep -q "SLURM_ARRAY_TASK_ID is not set" err || fail "no reason for --shard auto outside Slurm" ;;
metadata)
	# -M as in single mode, on every document.
	tree
	b -M issuer=Ministry -M authors=a -M authors=b -M title= -t json -o dest src/release.txt src/2024/visit.html; expect_rc 0
	for f in dest/release.json dest/visit.json; do
		jq -e '.meta.issuer == "Ministry" and .meta.authors == ["a", "b"] and (.meta.title == null)' "$f" >/dev/null ||
			fail "$f: metadata not set: $(jq -c .meta "$f")"
	done
	b -M hits=many -t json -o dest src; expect_rc 2; grep -q "hits wants a number" err || fail "bad -M not refused" ;;
options)
	# -O, --wrap, --no-front-matter: a key some reader, a writer of -t or galley takes.
	tree
	printf 'Title\n\nOne two three four five six seven eight nine ten eleven twelve.\n' >long.txt
	b --wrap=20 --no-front-matter -t markdown,tei -o dest long.txt; expect_rc 0
	[ "$(awk '{ if (length($0) > 20) n++ } END { print n + 0 }' dest/long.md)" = 0 ] || fail "--wrap=20 not applied: $(cat dest/long.md)"
	grep -q '^---' dest/long.md && fail "--no-front-matter not applied"
	grep -q "twelve" dest/long.tei.xml || fail "the TEI lost the text"
	b -O charset=latin1 -t tei -o dest2 long.txt; expect_rc 0 # a reader's key with a writer that does not take it
	b -O wrapp=3 -t markdown -o dest3 long.txt; expect_rc 2; grep -q "unknown option 'wrapp'" err || fail "typo not refused"
	b --wrap=wide -t markdown -o dest3 long.txt; expect_rc 2; grep -q "option wrap: expected" err || fail "bad value not refused"
	absent dest3 ;;
documented)
	# Every option of galley batch --help is in the man page and the README.
	b --help; expect_rc 0
	for o in $(grep -oE -- '--[a-z][a-z-]+' out | sort -u); do
		grep -qF -- "${o//-/\\-}" "$MANPAGE" || fail "galley.1 does not document $o"
		grep -qF -- "\`$o" "$README" || fail "README.md does not document $o"
	done ;;
*)
	echo "unknown case $case_name" >&2; exit 2 ;;
esac
exit 0
