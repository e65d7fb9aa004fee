#!/bin/bash
# hostile.sh CASE — galley against hostile input and hostile folders (issue 16).
# Every case asserts the exit status, the message and that nothing was
# written where it must not be. Environment: GALLEY (the build-tree galley,
# which loads build/plugins), TESTTMP (scratch folder).
set -u
case_name=$1
work=$TESTTMP/$case_name
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

fail() { echo "FAIL [$case_name]: $*" >&2; echo "--- stderr:" >&2; head -c 2000 err 2>/dev/null >&2; exit 1; }
skip() { echo "SKIP [$case_name]: $*"; exit 77; }
# g ARGS... — run galley; rc in $rc, output in ./out and ./err.
g() { "$GALLEY" "$@" >out 2>err; rc=$?; }
expect_rc() { [ "$rc" = "$1" ] || fail "exit status $rc, expected $1"; }
expect_err() { grep -qF -- "$1" err || fail "stderr lacks '$1'"; }
no_err() { [ ! -s err ] || fail "unexpected message"; }
one_line_err() { [ "$(wc -l <err)" = 1 ] || fail "stderr should be one line"; }
absent() { local a; for a; do [ ! -e "$a" ] && [ ! -L "$a" ] || fail "$a was written"; done; }
no_temp_left() { ! ls -A | grep -q '\.galley-[0-9]*\.' || fail "a temporary file was left: $(ls -A)"; }
py() { python3 -c "$1" || fail "python failed"; }
FORMATS="md tei json docx epub"
# every_format FILE ARGS — convert FILE to every output format into FILE.EXT; fail unless all succeed
every_format() {
	local f=$1; shift
	for t in $FORMATS; do
		g "$@" "$f" -t $t -o "$f.$t"; [ "$rc" = 0 ] || fail "-t $t: exit $rc"
	done
}
# text_of FILE.EXT — the text of an output, whatever its format
text_of() {
	case $1 in
	*.docx|*.epub) unzip -p "$1" 2>/dev/null | sed 's/<[^>]*>//g' ;;
	*) cat "$1" ;;
	esac
}
command -v python3 >/dev/null || skip "no python3"

case $case_name in
deep-html)
	# 200,000 nested divs: libxml2 parses them (XML_PARSE_HUGE), the reader
	# flattens past 160 levels; the text is kept, in order, in every format.
	py "open('deep.html','w').write('<html><body><p>first</p>'+'<div>'*200000+'<p>deep text</p><p>second deep</p>'+'</div>'*200000+'<p>last</p></body></html>')"
	every_format deep.html
	for t in $FORMATS; do
		text_of deep.html.$t | tr '\n' ' ' | grep -q "first.*deep text.*second deep.*last" || fail "-t $t lost or reordered text"
	done
	py "open('ul.html','w').write('<html><body>'+'<ul><li>item '*5000+'</body></html>')"
	g ul.html -t json -o ul.json; expect_rc 0
	[ "$(grep -o '"item *"' ul.json | wc -l)" = 5000 ] || fail "items lost in nested lists" ;;
deep-json)
	# nesting past 256 levels is refused with a message that says so; no output
	py "d=5000; open('deep.json','w').write('{\"galley-ir\":1,\"blocks\":['+'{\"type\":\"quote\",\"blocks\":['*d+'{\"type\":\"paragraph\",\"inlines\":[{\"type\":\"text\",\"text\":\"x\"}]}'+']}'*d+']}')"
	g deep.json -t md -o out.md; expect_rc 1; expect_err "deep.json"; expect_err "depth"; one_line_err; absent out.md
	py "d=300; open('d300.json','w').write('{\"galley-ir\":1,\"blocks\":['+'{\"type\":\"quote\",\"blocks\":['*d+'{\"type\":\"paragraph\",\"inlines\":[{\"type\":\"text\",\"text\":\"x\"}]}'+']}'*d+']}')"
	g d300.json -t tei -o out.tei; expect_rc 1; expect_err "nesting deeper than 256 levels"; absent out.tei
	py "d=200; open('d200.json','w').write('{\"galley-ir\":1,\"blocks\":['+'{\"type\":\"quote\",\"blocks\":['*d+'{\"type\":\"paragraph\",\"inlines\":[{\"type\":\"text\",\"text\":\"deepx\"}]}'+']}'*d+']}')"
	every_format d200.json
	for t in $FORMATS; do text_of d200.json.$t | grep -q deepx || fail "-t $t lost the text"; done ;;
huge-text-run)
	# one text run over libxml2's 10 MB limit, then more: nothing is cut
	py "open('run.html','w').write('<html><body><p>'+'word '*2200000+'</p><p>TAILMARK</p></body></html>')"
	g run.html -t md -o run.md; expect_rc 0; grep -q TAILMARK run.md || fail "the page was cut after the long run"
	[ "$(grep -o word run.md | wc -l)" = 2200000 ] || fail "words lost in the long run" ;;
attributes)
	# 40,000 attributes: refused before libxml2's quadratic check, naming the limit
	py "open('attrs.html','w').write('<html><body><p '+' '.join('a%d=\"1\"' % i for i in range(40000))+'>x</p></body></html>')"
	g attrs.html -t md -o attrs.md; expect_rc 1; one_line_err
	expect_err "attrs.html: an element has more than 1000 attributes (the max-attributes limit; raise it with -O max-attributes=N)"
	absent attrs.md
	py "open('ok.html','w').write('<html><body><p '+' '.join('a%d=\"1\"' % i for i in range(900))+'>kept</p></body></html>')"
	g ok.html -t md; expect_rc 0; grep -q kept out || fail "900 attributes refused"
	# quoted '>' and attribute-like words in scripts are not counted
	py "open('script.html','w').write('<html><head><script>if (a<b) {'+' x'*5000+'}</script></head><body><p title=\"a > b\">fine</p></body></html>')"
	g script.html -t md; expect_rc 0; grep -q fine out || fail "a script's words counted as attributes" ;;
limits)
	printf 'Title\n\n%s\n' "$(head -c 3000000 /dev/zero | tr '\0' a)" >big.txt
	g -O max-input-size=1 big.txt -t md -o big.md; expect_rc 1; one_line_err
	expect_err "big.txt: the input is 3 MiB, over the max-input-size limit of 1 MiB (raise it with -O max-input-size=MIB)"; absent big.md
	g -O max-input-size=4 big.txt -t md -o big.md; expect_rc 0
	py "open('cells.html','w').write('<html><body><table>'+'<tr><td>c</td></tr>'*500+'</table></body></html>')"
	g -O max-nodes=100 cells.html -t json -o cells.json; expect_rc 1; one_line_err
	expect_err "the document has more than 100 nodes (the max-nodes limit; raise it with -O max-nodes=N)"; absent cells.json
	g -O max-nodes=0 cells.html -t json; expect_rc 2; expect_err "option max-nodes: expected a number from 1"
	g --wrap=4294967297 big.txt -t md; expect_rc 2; expect_err "option wrap"
	g -O max-input-size=99999999999999999999 big.txt -t md; expect_rc 2; expect_err "option max-input-size" ;;
billion-laughs)
	# entities declared in an internal subset are not expanded (the HTML parser
	# knows no DTD), and the subset is not body text
	cat >lol.xhtml <<'X'
<?xml version="1.0"?>
<!DOCTYPE html [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Laughs</title></head>
<body><p>Before &lol9; after.</p></body></html>
X
	every_format lol.xhtml -f html
	for t in $FORMATS; do
		[ "$(stat -c %s lol.xhtml.$t)" -lt 200000 ] || fail "-t $t: entities expanded"
		text_of lol.xhtml.$t | grep -q "lollol" && fail "-t $t: entities expanded"
		text_of lol.xhtml.$t | grep -q "ENTITY" && fail "-t $t: the DTD subset became text"
		text_of lol.xhtml.$t | grep -q "Before" || fail "-t $t: the body was lost"
	done ;;
xxe)
	# an external entity naming a local file: its content is in no output
	echo "SECRET-CONTENT-$$" >secret.txt
	for kind in SYSTEM 'PUBLIC "-//x//y"'; do
		cat >xxe.html <<X
<?xml version="1.0"?>
<!DOCTYPE html [ <!ENTITY xxe $kind "file://$work/secret.txt"> <!ENTITY % p $kind "file://$work/secret.txt"> %p; ]>
<html><head><title>t &xxe;</title><meta name="description" content="&xxe;"/></head>
<body><p>Text &xxe; here.</p><p><a href="&xxe;">l</a></p><p><img src="x.png" alt="&xxe;"/></p>
<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://$work/secret.txt" parse="text"/></body></html>
X
		every_format xxe.html
		for t in $FORMATS; do text_of xxe.html.$t | grep -q "SECRET-CONTENT" && fail "-t $t: the file's content leaked"; done
		g xxe.html --dump-tree; grep -q "SECRET-CONTENT" out && fail "--dump-tree: the file's content leaked"
	done
	# the same through batch
	"$GALLEY" batch -t md,tei,json -o bdest xxe.html >out 2>err; rc=$?; expect_rc 0
	grep -rq "SECRET-CONTENT" bdest && fail "batch: the file's content leaked"; true ;;
invalid-utf8)
	printf 'Title \xff\xfe\xc0\xaf\n\nBody \xed\xa0\x80 text \xf8\x88\x80\x80\x80 end.\n' >bad.txt
	every_format bad.txt
	for t in md tei json; do python3 -c "open('bad.txt.$t','rb').read().decode('utf-8')" 2>/dev/null || fail "-t $t wrote invalid UTF-8"; done
	grep -q "end" bad.txt.md || fail "text after the bad bytes lost"
	printf '{"galley-ir":1,"blocks":[{"type":"paragraph","inlines":[{"type":"text","text":"a\xffb"}]}]}' >bad.json
	g bad.json -t md -o bad.md; expect_rc 1; expect_err "bad.json"; one_line_err; absent bad.md ;;
controls)
	# ESC sequences never reach a terminal; all writers drop the same controls
	printf 'Title \033]0;pwned\007\n\nHello \033c world \001 \177 \302\233[31m end\n' >esc.txt
	every_format esc.txt
	for t in $FORMATS; do
		text_of esc.txt.$t | LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' && fail "-t $t: a control character was written"
		text_of esc.txt.$t | LC_ALL=C grep -q $'\xc2[\x80-\x9f]' && fail "-t $t: a C1 control was written"
	done
	printf '<html><body><p><a href="http://x/\033c">l\033ink</a><img src="a.png" alt="a\033]0;t\007"></p></body></html>' >esc.html
	g esc.html -t md; expect_rc 0; LC_ALL=C grep -q $'\x1b' out && fail "ESC in a link or alt text"
	grep -qF 'http://x/%1Bc' out || fail "the URL's control not percent-encoded"
	# NUL after 4 KiB: dropped alike by every writer, and what is written reads back
	py "open('nul.txt','wb').write(b'Title\n\n'+b'word '*1000+b'\x00after\n')"
	every_format nul.txt
	for t in md tei json; do grep -q "word after" nul.txt.$t || fail "-t $t: NUL not dropped like the others"; done
	g nul.txt.json -t json -o back.json; expect_rc 0; cmp -s nul.txt.json back.json || fail "JSON does not round-trip" ;;
list-start)
	# <ol start> of any integer reads, and what galley writes it reads back
	for s in -1 0 2147483647 2147483648 99999999999999999999 -99999999999999999999 x; do
		printf '<html><body><ol start="%s"><li>a</li><li>b</li></ol></body></html>' "$s" >ol.html
		g ol.html -t json -o ol.json; expect_rc 0; no_err
		g ol.json -t json -o ol2.json; expect_rc 0; cmp -s ol.json ol2.json || fail "start=$s does not round-trip"
		g ol.json -t md; expect_rc 0
	done
	# a link in a link (a card) is flattened, not refused
	printf '<html><body><div><a href="/card"><h2>Card</h2><p>Read <a href="/inner">inner</a> more</p></a></div></body></html>' >card.html
	g card.html -t md; expect_rc 0; grep -q "inner" out || fail "the inner link's text lost" ;;
utf16)
	printf 'Title\n\nHello UTF-16 world.\n' | iconv -t UTF-16LE >le.txt
	printf 'Title\n\nHello UTF-16 world.\n' | iconv -t UTF-16BE >be.txt
	printf 'Title\n\nHello UTF-32 world.\n' | iconv -t UTF-32LE >le32.txt
	printf '<html><body><p>Hello wide page</p></body></html>' | iconv -t UTF-16LE >le.html
	for f in le.txt be.txt le32.txt; do g "$f" -t md; expect_rc 0; grep -q "Hello UTF-" out || fail "$f not read"; done
	g le.html -t md; expect_rc 0; grep -q "Hello wide page" out || fail "le.html not read"
	# Japanese and Chinese without a BOM: few zero bytes, still UTF-16 (the sweep found them refused)
	printf '日米外相電話会談\n\n本日、茂木外務大臣は、ポンペオ米国国務長官と電話会談を行いました。\n' >ja.utf8
	printf '各公共部门全日暂停开放\n\n为配合防疫工作，各公共部门今日暂停开放。\n' >zh.utf8
	for f in ja zh; do
		for e in LE BE; do
			iconv -f UTF-8 -t UTF-16$e $f.utf8 >$f-$e.txt
			g $f-$e.txt -t md; expect_rc 0; grep -qF "$(sed -n 3p $f.utf8)" out || fail "$f-$e.txt not read as UTF-16$e"
		done
	done
	# on standard input (no extension to go by) the content decides, as read: with a BOM and without
	printf '\377\376' >bom.html && cat le.html >>bom.html
	printf '<html><head><title>Wide title</title></head><body><p>Hello wide page</p></body></html>' | iconv -t UTF-16BE >be.html
	printf '\377\376' >bom.txt && cat le.txt >>bom.txt
	for f in le.txt be.txt le32.txt bom.txt; do
		"$GALLEY" -v -t json <"$f" >out 2>err; rc=$?; expect_rc 0; expect_err "reading as text"
		grep -q "Hello UTF-" out || fail "$f on standard input not read"
	done
	for f in le.html bom.html be.html; do
		"$GALLEY" -v -t json <"$f" >out 2>err; rc=$?; expect_rc 0; expect_err "reading as html"
		grep -q '"Hello wide page"' out || fail "$f on standard input not read as HTML"
	done
	grep -q '"title": "Wide title"' out || fail "be.html: the title of the page not read"
	for f in ja-LE.txt zh-BE.txt; do
		"$GALLEY" -v -t json <"$f" >out 2>err; rc=$?; expect_rc 0; expect_err "reading as text"
		grep -qF "$(sed -n 3p ${f%%-*}.utf8)" out || fail "$f on standard input not read"
	done
	head -c 3000 "$GALLEY" >bin.txt
	g bin.txt -t md -o bin.md; expect_rc 1; expect_err "bin.txt: binary data"; one_line_err; absent bin.md ;;
truncated)
	# every input format cut short at many points: an error or a document, never a crash or partial output
	cat >a.html <<'X'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cut page</title></head>
<body><h1>Heading</h1><p>Some <b>bold</b> and <a href="/x">a link</a>.</p><ul><li>one</li><li>two</li></ul>
<table><tr><td>cell</td></tr></table></body></html>
X
	printf 'Cut text\n\n1. First numbered paragraph.\n2. Second.\n\nContact: someone\n' >a.txt
	g a.html -t json -o a.json; expect_rc 0
	for f in a.html a.txt a.json; do
		size=$(stat -c %s "$f")
		for n in 0 1 2 5 17 40 100 $((size / 2)) $((size - 1)); do
			head -c "$n" "$f" >"cut.${f##*.}"
			for t in md json docx; do
				rm -f cut.out; g "cut.${f##*.}" -t $t -o cut.out
				case $rc in
				0) [ -e cut.out ] || fail "$f cut at $n, -t $t: exit 0 without output" ;;
				1) [ -s err ] || fail "$f cut at $n: exit 1 without a message"; absent cut.out ;;
				*) fail "$f cut at $n, -t $t: exit $rc" ;;
				esac
			done
		done
	done
	no_temp_left ;;
empty-and-garbage)
	: >empty.txt; : >empty.html; : >empty.json
	for f in empty.txt empty.html empty.json; do
		g "$f" -t md -o e.md; [ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "$f: exit $rc"
		[ "$rc" = 1 ] && { one_line_err; expect_err "$f"; absent e.md; }
		rm -f e.md
	done
	head -c 65536 /dev/urandom >garbage.bin
	cp garbage.bin garbage.html; cp garbage.bin garbage.json; cp garbage.bin garbage.txt
	for f in garbage.bin garbage.html garbage.json garbage.txt; do
		g "$f" -t md -o g.md; [ "$rc" = 1 ] || [ "$rc" = 0 ] || fail "$f: exit $rc"
		[ "$rc" = 1 ] && { one_line_err; expect_err "$f"; absent g.md; }
		rm -f g.md
	done
	no_temp_left ;;
planted-library)
	# a library planted in the current folder (and an empty RUNPATH element) is never loaded
	command -v readelf >/dev/null || skip "no readelf"
	mkdir plant && cd plant || exit 1
	cat >evil.c <<'X'
#include <stdio.h>
#include <stdlib.h>
__attribute__((constructor)) static void evil(void) { FILE *f = fopen("PWNED", "w"); if (f) fclose(f); }
X
	cc -shared -fPIC -o evil.so evil.c 2>/dev/null || skip "no C compiler"
	for lib in $(ldd "$GALLEY" "$(dirname "$GALLEY")"/plugins/*.so 2>/dev/null | awk '/=>/ {print $1}' | sort -u); do
		cp evil.so "$lib"
	done
	printf 'Title\n\nPlanted.\n' >in.txt
	g in.txt -t md; expect_rc 0
	g in.txt -t docx -o in.docx; expect_rc 0
	"$GALLEY" batch -t md -o dest in.txt >/dev/null 2>&1
	absent PWNED
	for elf in "$GALLEY" "$(dirname "$GALLEY")"/libgalley.so "$(dirname "$GALLEY")"/plugins/*.so; do
		readelf -d "$elf" | grep -E 'RUNPATH|RPATH' | grep -qE '\[(:|.*::|.*:\]|\]|[^$/])' &&
			fail "$elf has an empty or relative RUNPATH element"
	done; true ;;
outputs)
	printf 'Title\n\nHello world.\n' >in.txt
	# a dangling symlink: its target is written, the link stays
	ln -s target.md dangling.md
	g in.txt -o dangling.md; expect_rc 0; [ -L dangling.md ] || fail "the link was replaced"
	grep -q "Hello world" target.md || fail "the link's target not written"
	# a hard-linked file keeps its links
	echo old >hl.md; ln hl.md hl2.md
	g in.txt -o hl.md; expect_rc 0; [ "$(stat -c %h hl.md)" = 2 ] || fail "the hard link was split"
	grep -q "Hello world" hl2.md || fail "the other link not updated"
	# the input is never the output: directly, through a symlink, through a hard link
	cp in.txt self.txt; ln -s self.txt self-link.md; ln self.txt self-hard.md
	for o in self.txt self-link.md self-hard.md ./self.txt; do
		g -f text -t md self.txt -o "$o"; expect_rc 2; expect_err "the output is the input"; one_line_err
		cmp -s in.txt self.txt || fail "-o $o replaced the source"
	done
	# 255-byte names: the temporary name fits NAME_MAX
	long=$(printf 'a%.0s' $(seq 252)).md
	g in.txt -o "$long"; expect_rc 0; grep -q "Hello world" "$long" || fail "a 255-byte name cannot be written"
	# /dev/null, /dev/stdout, a FIFO: written directly, never replaced
	g in.txt -t md -o /dev/null; expect_rc 0; [ -c /dev/null ] || fail "/dev/null replaced"
	g in.txt -t md -o /dev/stdout; expect_rc 0; grep -q "Hello world" out || fail "/dev/stdout not written"
	if mkfifo fifo.md; then
		cat fifo.md >from-fifo & reader=$!
		g in.txt -o fifo.md; expect_rc 0; wait $reader
		[ -p fifo.md ] || fail "the FIFO was replaced"; grep -q "Hello world" from-fifo || fail "nothing through the FIFO"
	fi
	# a failed conversion leaves the existing file as it was
	echo "precious" >keep.md; printf '\x89PNG\r\n\x1a\n\0\0\0' >bad.txt
	g bad.txt -f text -o keep.md; expect_rc 1; [ "$(cat keep.md)" = precious ] || fail "a failed conversion touched the target"
	# stale temporaries of a killed run are removed by the next; a live run's are not
	touch -d '2 hours ago' .stale.md.galley-999999.abcdef; touch -d '2 hours ago' .stale.md.galley-1.abcdef
	touch .stale.md.galley-999998.fresh1; touch -d '2 hours ago' .other.md.galley-999999.abcdef
	g in.txt -o stale.md; expect_rc 0
	absent .stale.md.galley-999999.abcdef
	[ -e .stale.md.galley-1.abcdef ] || fail "a running process's temporary was removed"
	[ -e .stale.md.galley-999998.fresh1 ] || fail "a fresh temporary was removed"
	[ -e .other.md.galley-999999.abcdef ] || fail "another target's temporary was removed"
	rm -f .stale.md.galley-1.abcdef .stale.md.galley-999998.fresh1 .other.md.galley-999999.abcdef
	no_temp_left
	if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
		# another user's file keeps owner and mode
		echo old >owned.md; chown nobody owned.md; chmod 604 owned.md
		g in.txt -o owned.md; expect_rc 0
		[ "$(stat -c '%U %a' owned.md)" = "nobody 604" ] || fail "owner or mode not kept: $(stat -c '%U %a' owned.md)"
		# a writable file in a read-only folder is updated
		mkdir ro; echo old >ro/f.md; chmod 666 ro/f.md; chmod 555 ro
		su nobody -s /bin/sh -c "'$GALLEY' in.txt -o ro/f.md" 2>err; rc=$?; expect_rc 0
		grep -q "Hello world" ro/f.md || fail "the file in a read-only folder not updated"
		chmod 755 ro
	fi ;;
bombs)
	# an archive member that decompresses past the member limit stops there
	# (galley batch --max-member-size; tests/cli/batch.sh covers the rest)
	py "
import zipfile, tarfile, io
d = b'Title\n\n' + b'a' * (5 * 1048576)
z = zipfile.ZipFile('bomb.zip', 'w', zipfile.ZIP_DEFLATED); z.writestr('big.txt', d); z.writestr('ok.txt', 'Fine\n\nSmall.\n'); z.close()
t = tarfile.open('bomb.tar.xz', 'w:xz'); ti = tarfile.TarInfo('big.txt'); ti.size = len(d); t.addfile(ti, io.BytesIO(d)); t.close()
"
	"$GALLEY" batch --max-member-size 2M -t md -o dest --report report bomb.zip bomb.tar.xz >out 2>err; rc=$?; expect_rc 1
	grep -q '"input":"bomb.zip/big.txt","status":"failed"' report || fail "zip bomb not refused"
	grep -q '"input":"bomb.tar.xz/big.txt","status":"failed"' report || fail "tar bomb not refused"
	grep -q 'max-member-size' report || fail "the limit not named"
	[ -e dest/bomb/ok.md ] || fail "the good member not converted"
	absent dest/bomb/big.md
	# a single file over the core's max-input-size
	head -c 3000000 /dev/zero | tr '\0' a >big.txt
	"$GALLEY" batch -O max-input-size=2 -t md -o dest2 --report report2 big.txt >out 2>err; rc=$?; expect_rc 1
	grep -q "max-input-size" report2 || fail "the limit not named for a file"; absent dest2/big.md ;;
mapped-cut)
	# an input cut short by another program while galley has it mapped (the
	# preload truncates it right after the mmap): one line naming the file
	# and what happened, exit 3, no output and no temporary file
	[ -z "${CUT_SKIP:-}" ] || skip "$CUT_SKIP"
	[ -n "${CUT_PRELOAD:-}" ] && [ -f "$CUT_PRELOAD" ] || skip "no CUT_PRELOAD"
	py "open('page.html','w').write('<html><head><title>Cut</title></head><body>'+'<p>Some words in a paragraph.</p>'*600+'</body></html>')"
	[ $(($(stat -c %s page.html) % 4096)) != 0 ] || fail "page.html is a whole number of pages: not mapped"
	cp page.html keep.html
	cut() { GALLEY_TEST_CUT=$1 ASAN_OPTIONS=verify_asan_link_order=0:${ASAN_OPTIONS:-} LD_PRELOAD=$CUT_PRELOAD g "$@"; }
	cut page.html -t json -o page.json
	expect_rc 3; expect_err "galley: page.html: the file changed (was cut short) while it was read"; one_line_err
	absent page.json; no_temp_left
	cp keep.html page.html
	cut page.html -t md
	expect_rc 3; expect_err "page.html: the file changed"; [ ! -s out ] || fail "output written to stdout"
	# the same file left alone converts (the preload cuts only the file named)
	GALLEY_TEST_CUT=other.html ASAN_OPTIONS=verify_asan_link_order=0:${ASAN_OPTIONS:-} LD_PRELOAD=$CUT_PRELOAD g keep.html -t md
	expect_rc 0; grep -q "Some words in a paragraph" out || fail "keep.html not converted" ;;
*)
	echo "unknown case $case_name" >&2; exit 2 ;;
esac
exit 0
