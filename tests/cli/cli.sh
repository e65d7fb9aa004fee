#!/bin/bash
# cli.sh CASE — one command-line test of the galley command (see CMakeLists.txt).
# Environment: GALLEY (the program), CLI_PLUGINS (test plugins), BUILD_PLUGINS
# (build/plugins), MANPAGE (core/cli/galley.1), TESTTMP (scratch folder).
set -u
case_name=$1
work=$TESTTMP/$case_name
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

fail() { echo "FAIL [$case_name]: $*" >&2; echo "--- stdout:" >&2; cat out 2>/dev/null >&2; echo "--- stderr:" >&2; cat err 2>/dev/null >&2; exit 1; }
skip() { echo "SKIP [$case_name]: $*"; exit 77; }
# g ARGS... — run galley with the test plugins; rc in $rc, output in ./out and ./err.
g() { "$GALLEY" --plugin-dir "$CLI_PLUGINS" "$@" >out 2>err; rc=$?; }
expect_rc() { [ "$rc" = "$1" ] || fail "exit status $rc, expected $1"; }
expect_err() { grep -qF -- "$1" err || fail "stderr lacks '$1'"; }
expect_out() { grep -qF -- "$1" out || fail "stdout lacks '$1'"; }
one_line_err() { [ "$(wc -l <err)" = 1 ] || fail "stderr should be one line"; }
no_temp_left() { [ -z "$(ls -A . | grep '^\..*\.[A-Za-z0-9]\{6\}$')" ] || fail "a temporary file was left behind: $(ls -A)"; }

# outside — move to a scratch folder outside the build tree, where a copied
# galley does not load build/plugins.
outside() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/galley-cli.XXXXXX") || exit 1
	trap 'rm -rf "$work"' EXIT
	cp good.lines "$work"/ && cd "$work" || exit 1
}
# copy_galley DIR — galley and the libgalley it finds beside itself ($ORIGIN).
copy_galley() { mkdir -p "$1" && cp "$GALLEY" "$1/galley" && cp -P "$(dirname "$GALLEY")"/libgalley.so* "$1/"; }

printf 'First paragraph\nSecond paragraph\n' >good.lines
printf 'ok line\nthis line says FAIL\n' >bad.lines

case $case_name in
version)
	g --version; expect_rc 0
	grep -qE '^galley [0-9]+\.[0-9]+\.[0-9]+$' out || fail "bad --version output" ;;
help)
	g --help; expect_rc 0; expect_out "Usage: galley"
	for o in --from --to --output --metadata --option --wrap --no-front-matter --plugin-dir \
		--list-input-formats --list-output-formats --list-plugins --list-options --quiet --verbose --help --version; do
		expect_out "$o"
	done ;;
help-matches-man)
	# Every option of --help is documented in the man page, and the page is valid roff.
	g --help; expect_rc 0
	for o in $(grep -oE -- '--[a-z][a-z-]+' out | sort -u); do
		grep -qF -- "${o//-/\\-}" "$MANPAGE" || fail "galley.1 does not document $o"
	done
	for s in "EXIT STATUS" "ENVIRONMENT" "GALLEY_PLUGIN_PATH"; do grep -qF "$s" "$MANPAGE" || fail "galley.1 lacks $s"; done
	if command -v man >/dev/null; then
		LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$MANPAGE" >/dev/null 2>man.err
		[ -s man.err ] && { cat man.err >&2; fail "man page warnings"; }
	fi ;;
batch)
	# galley batch exists (tests/cli/batch.sh tests what it does); usage errors are exit 2.
	"$GALLEY" batch -t markdown x >out 2>err; rc=$?; expect_rc 2; expect_err "galley batch: no destination"
	"$GALLEY" batch -o dest x >out 2>err; rc=$?; expect_rc 2; expect_err "no output format"
	"$GALLEY" batch -o dest -t nosuch x >out 2>err; rc=$?; expect_rc 2; expect_err "unknown output format 'nosuch'"
	"$GALLEY" batch -o dest -t markdown >out 2>err; rc=$?; expect_rc 2; expect_err "no input"
	if [ -e "$BUILD_PLUGINS/markdown.so" ]; then
		"$GALLEY" batch -o dest -t markdown,gfm x >out 2>err; rc=$?; expect_rc 2; expect_err "both name their outputs .md"
		"$GALLEY" batch -o dest -t md,markdown x >out 2>err; rc=$?; expect_rc 2; expect_err "md and markdown both name their outputs .md"
	fi
	"$GALLEY" batch -o dest -t markdown -j 0 x >out 2>err; rc=$?; expect_rc 2; expect_err "-j wants a number"
	"$GALLEY" batch --help >out 2>err; rc=$?; expect_rc 0; expect_out "Usage: galley batch"
	g --help; expect_out "galley batch [OPTIONS] -o DEST INPUT..."
	g good.lines good.lines -t lines; expect_rc 2; expect_err "use 'galley batch -t lines -o DEST INPUT...'" ;;
formats-documented)
	# The formats the man page and README name are exactly those the built-in plugins give.
	"$GALLEY" --list-output-formats >outs 2>err && "$GALLEY" --list-input-formats >ins 2>>err || fail "listing failed"
	man_list() { awk -v start="$1" '$0 == start { on = 1; next } on && /^and whatever plugins add/ { exit }
		on && /^\.BR? / { w = $2; gsub(/[^a-z0-9-]/, "", w); print w }' "$MANPAGE" | sort -u; }
	readme_list() { grep "^$1 formats" "$README" | grep -o '`[a-z0-9-]*`' | tr -d '`' | sort -u; }
	[ "$(man_list 'Writers:')" = "$(sort -u outs)" ] || fail "galley.1 lists writers $(man_list 'Writers:' | tr '\n' ' '), galley has $(tr '\n' ' ' <outs)"
	[ "$(man_list 'Readers:')" = "$(sort -u ins)" ] || fail "galley.1 lists readers $(man_list 'Readers:' | tr '\n' ' '), galley has $(tr '\n' ' ' <ins)"
	[ "$(readme_list Output)" = "$(sort -u outs)" ] || fail "README lists writers $(readme_list Output | tr '\n' ' '), galley has $(tr '\n' ' ' <outs)"
	[ "$(readme_list Input)" = "$(sort -u ins)" ] || fail "README lists readers $(readme_list Input | tr '\n' ' '), galley has $(tr '\n' ' ' <ins)"
	grep -q -- '--data-dir' "$MANPAGE" && fail "galley.1 documents --data-dir, which galley does not have"
	: ;;
skip-summary)
	# tests/skipped.sh lists each skipped test of a ctest JUnit file with its reason.
	cat >j.xml <<'XML'
<testsuite name="t" tests="3" skipped="2">
	<testcase name="a.one" classname="a.one" status="notrun">
		<skipped message="SKIP_RETURN_CODE=77"/>
		<system-out>setting up
SKIP [one]: no pseudo-terminal &amp; no &lt;tty&gt;
</system-out>
	</testcase>
	<testcase name="b.two" classname="b.two" status="notrun">
		<skipped message="SKIP_REGULAR_EXPRESSION_MATCHED"/>
		<system-out>the corpus is missing; skipping</system-out>
	</testcase>
	<testcase name="c.ran" classname="c.ran" status="run">
		<system-out>SKIP is only a word here</system-out>
	</testcase>
</testsuite>
XML
	sh "$(dirname "$MANPAGE")/../../tests/skipped.sh" j.xml >out 2>err || fail "skipped.sh failed"
	[ "$(cat out)" = "$(printf '2 test(s) skipped:\n  a.one: SKIP [one]: no pseudo-terminal & no <tty>\n  b.two: the corpus is missing; skipping')" ] ||
		fail "wrong summary" ;;
binary-input)
	printf 'PK\003\004\000\000\001\002binary' >bin.dat
	g bin.dat -t lines; expect_rc 1; one_line_err; expect_err "galley: bin.dat: binary data"
	g -f json bin.dat -t lines; expect_rc 1; one_line_err; expect_err "galley: bin.dat: binary data, not JSON" ;;
empty-input)
	: >empty.txt
	g empty.txt -t lines; expect_rc 0; expect_err "galley: empty.txt: warning: empty input"
	g -q empty.txt -t lines; expect_rc 0; [ -s err ] && fail "-q should hide the empty-input warning" ; : ;;
missing-plugin-dir)
	g --plugin-dir "$work/nowhere" good.lines -t lines; expect_rc 0; expect_err "warning: --plugin-dir $work/nowhere: no such folder"
	g -q --plugin-dir "$work/nowhere" good.lines -t lines; expect_rc 0; [ -s err ] && fail "-q should hide the warning"; : ;;
metadata-lists)
	g good.lines -t lines -M authors=a -M authors=b -M keywords=k; expect_rc 0
	expect_out "@authors=a"; expect_out "@authors=b"; expect_out "@keywords=k"
	g good.lines -t lines -M authors=a -M authors= ; expect_rc 0; grep -q "@authors=" out && fail "an empty value should remove authors"; : ;;
xml-extension)
	g good.lines -o out.xml; expect_rc 2; expect_err ".xml does not say which XML format; use -t tei"; [ ! -e out.xml ] || fail "out.xml written"
	[ -e "$BUILD_PLUGINS/markdown.so" ] || skip "no markdown plugin built"
	"$GALLEY" -f text -o out.markdown good.lines 2>err || fail "-o x.markdown not recognised: $(cat err)"
	grep -q "First paragraph" out.markdown || fail "no Markdown in out.markdown" ;;
unknown-option)
	g --no-such-option good.lines; expect_rc 2; expect_err "no-such-option"; expect_err "galley --help" ;;
missing-argument)
	g good.lines -t; expect_rc 2; expect_err "requires an argument" ;;
unknown-output-format)
	g -t nosuch good.lines; expect_rc 2; expect_err "unknown output format 'nosuch'"; [ ! -s out ] || fail "output written" ;;
unknown-input-format)
	g -f nosuch -t lines good.lines; expect_rc 2; expect_err "unknown input format 'nosuch'" ;;
no-output-format)
	g good.lines; expect_rc 2; expect_err "no output format" ;;
unknown-output-extension)
	g good.lines -o result.unknownext; expect_rc 2; expect_err "result.unknownext"; [ ! -e result.unknownext ] || fail "file created" ;;
missing-input)
	g -t lines does-not-exist.lines; expect_rc 3; expect_err "galley: does-not-exist.lines: No such file or directory"; one_line_err ;;
directory-input)
	mkdir adir; g -t lines adir; expect_rc 3; expect_err "galley: adir: is a directory" ;;
unreadable-input)
	cp good.lines secret.lines; chmod 000 secret.lines
	if [ "$(id -u)" = 0 ]; then
		# root reads every file: drop to nobody for this one run
		command -v setpriv >/dev/null || skip "running as root and setpriv is missing"
		setpriv --reuid=65534 --regid=65534 --clear-groups "$GALLEY" --plugin-dir "$CLI_PLUGINS" -t lines secret.lines >out 2>err
		rc=$?
		grep -qF "secret.lines" err || skip "user nobody cannot reach the build tree here: $(head -c 200 err)"
	else
		g -t lines secret.lines
	fi
	expect_rc 3; expect_err "galley: secret.lines: Permission denied" ;;
dump-tree)
	g --dump-tree good.lines; expect_rc 0
	expect_out "document"; expect_out 'text "First paragraph'
	g --dump-tree -t nosuch good.lines; expect_rc 0 ;;
bad-input)
	g -t lines bad.lines; expect_rc 1; one_line_err; expect_err "galley: bad.lines: line 2 says FAIL"; [ ! -s out ] || fail "output written" ;;
undetectable-input)
	# Only the test plugins: the text reader would rightly claim plain text.
	outside; copy_galley bin; GALLEY=$work/bin/galley
	printf 'no idea what this is\n' >mystery.dat
	g -t lines mystery.dat; expect_rc 1; expect_err "galley: mystery.dat: cannot tell the input format; use -f FORMAT" ;;
probe-stdin)
	printf 'LINES\nalpha\nbeta\n' | "$GALLEY" --plugin-dir "$CLI_PLUGINS" -t lines >out 2>err; rc=$?
	expect_rc 0; [ "$(tail -n 2 out)" = "$(printf 'alpha\nbeta')" ] || fail "probe did not pick the lines reader" ;;
extension-detect)
	cp good.lines good.LNS; g -t lines good.LNS; expect_rc 0; expect_out "Second paragraph" ;;
stdin-dash)
	"$GALLEY" --plugin-dir "$CLI_PLUGINS" -f lines -t lines - <good.lines >out 2>err; rc=$?
	expect_rc 0; expect_out "First paragraph"
	g good.lines -t lines -o -; expect_rc 0; expect_out "First paragraph"; [ ! -e ./- ] || fail "-o - made a file" ;;
several-inputs-one-writer)
	g -t lines good.lines good.lines; expect_rc 2; expect_err "galley batch" ;;
several-inputs-many)
	printf 'third\n' >two.lines
	g -t book good.lines two.lines; expect_rc 0
	[ "$(grep -v '^#' out | tr '\n' '|')" = "First paragraph|Second paragraph|---|third|" ] || fail "documents out of order" ;;
binary-terminal)
	command -v script >/dev/null || skip "no script(1) to give galley a terminal"
	script -qec "test -t 1" /dev/null >/dev/null 2>&1 </dev/null ||
		skip "no pseudo-terminal here (script(1) cannot open one), so binary output to a terminal cannot be tried"
	script -qec "'$GALLEY' --plugin-dir '$CLI_PLUGINS' -t pack good.lines; echo rc=\$?" /dev/null >out 2>&1
	grep -q 'rc=2' out || fail "binary output to a terminal was not refused"
	grep -q "not writing binary pack output to a terminal" out || fail "no clear message" ;;
binary-pipe)
	"$GALLEY" --plugin-dir "$CLI_PLUGINS" -t pack good.lines 2>err | od -c >out; rc=${PIPESTATUS[0]}
	expect_rc 0; expect_out 'P   A   C   K  \0' ;;
failed-no-output)
	g bad.lines -o result.lines; expect_rc 1; [ ! -e result.lines ] || fail "output file left behind"; no_temp_left
	g good.lines -t failw -o result.failw; expect_rc 1; [ ! -e result.failw ] || fail "output of a failed writer left behind"; no_temp_left ;;
failed-keeps-target)
	echo "precious" >result.lines; ino=$(stat -c %i result.lines)
	g bad.lines -o result.lines; expect_rc 1
	[ "$(cat result.lines)" = precious ] || fail "existing target changed"
	[ "$(stat -c %i result.lines)" = "$ino" ] || fail "existing target replaced"; no_temp_left ;;
replaces-target)
	echo "old" >result.lines
	g good.lines -o result.lines; expect_rc 0; [ ! -s out ] || fail "stdout used"
	grep -q "Second paragraph" result.lines || fail "target not written"; no_temp_left ;;
keeps-mode)
	echo "old" >result.lines; chmod 640 result.lines
	g good.lines -o result.lines; expect_rc 0
	[ "$(stat -c %a result.lines)" = 640 ] || fail "mode not kept: $(stat -c %a result.lines)" ;;
new-file-mode)
	(umask 027; "$GALLEY" --plugin-dir "$CLI_PLUGINS" good.lines -o new.lines) || fail "conversion failed"
	[ "$(stat -c %a new.lines)" = 640 ] || fail "umask not honoured: $(stat -c %a new.lines)" ;;
symlink-target)
	echo old >real.lines; ln -s real.lines link.lines
	g good.lines -o link.lines; expect_rc 0
	[ -L link.lines ] || fail "the symlink was replaced"; grep -q "First paragraph" real.lines || fail "link target not written" ;;
dev-null)
	g good.lines -t lines -o /dev/null; expect_rc 0; [ -c /dev/null ] || fail "/dev/null replaced!" ;;
dev-stdout-append)
	echo "kept" >appended
	"$GALLEY" --plugin-dir "$CLI_PLUGINS" good.lines -t lines -o /dev/stdout >>appended 2>err; rc=$?
	expect_rc 0; [ "$(head -n 1 appended)" = kept ] || fail "/dev/stdout truncated an append redirection"
	grep -q "Second paragraph" appended || fail "nothing written" ;;
fifo)
	mkfifo pipe.lines || skip "no mkfifo"
	cat pipe.lines >from-fifo & reader=$!
	g good.lines -o pipe.lines; expect_rc 0; wait $reader
	[ -p pipe.lines ] || fail "the FIFO was replaced"; grep -q "Second paragraph" from-fifo || fail "nothing came through the FIFO" ;;
unwritable-output)
	g good.lines -o no/such/dir/result.lines; expect_rc 3; expect_err "no/such/dir/result.lines"; one_line_err
	g good.lines -t lines -o .; expect_rc 3
	if [ "$(id -u)" != 0 ]; then
		mkdir ro; chmod 555 ro; g good.lines -o ro/result.lines; expect_rc 3; expect_err "ro/result.lines"
	fi ;;
failing-writer)
	# the writer hands on 2 MiB before it fails (spilled): none of it may show
	mkdir spill
	TMPDIR=$PWD/spill g good.lines -t failw; expect_rc 1; one_line_err; expect_err "galley: good.lines: this writer always fails"; [ ! -s out ] || fail "partial output"
	TMPDIR=$PWD/spill g good.lines -t failw -o /dev/stdout; expect_rc 1; [ ! -s out ] || fail "partial output"
	[ -z "$(ls -A spill)" ] || fail "a spill file was left behind: $(ls -A spill)" ;;
streamed-output)
	# a large output goes through a temporary file: the same bytes to -o, to
	# standard output, and where no temporary file can be made (in memory)
	[ -e "$BUILD_PLUGINS/json.so" ] && [ -e "$BUILD_PLUGINS/text.so" ] || skip "the json and text plugins are not built"
	{ echo Title; echo; seq 1 20000 | sed 's/.*/p&./;G'; } >tiny.txt
	mkdir spill
	TMPDIR=$PWD/spill g tiny.txt -t json -o a.json; expect_rc 0; no_temp_left
	TMPDIR=$PWD/spill "$GALLEY" tiny.txt -t json >b.json 2>err || fail "to standard output failed"
	TMPDIR=$PWD/no/such/dir "$GALLEY" tiny.txt -t json >c.json 2>err || fail "without a temporary file failed"
	[ "$(stat -c %s a.json)" -gt 1048576 ] || fail "output too small to stream: $(stat -c %s a.json)"
	cmp -s a.json b.json || fail "-o and standard output differ"
	cmp -s a.json c.json || fail "streamed and in-memory outputs differ"
	grep -q '"text": "p20000."' a.json || fail "the last paragraph is missing"
	[ -z "$(ls -A spill)" ] || fail "a spill file was left behind: $(ls -A spill)" ;;
metadata)
	g good.lines -t lines -M title=Hello -M hits=42 -M authors=Ann -M place=Seoul -M place= -M custom=x=y; expect_rc 0
	expect_out "@title=Hello"; expect_out "@hits=42"; expect_out "@authors=Ann"; expect_out "@custom=x=y"
	grep -q "@place" out && fail "an empty value should remove the field"
	[ "$(grep -c '@authors' out)" = 1 ] || fail "authors should be replaced by one value" ;;
metadata-bad)
	g good.lines -t lines -M hits=many; expect_rc 2; expect_err "hits wants a number"
	g good.lines -t lines -M novalue; expect_rc 2; expect_err "KEY=VALUE"
	g good.lines -t lines -M =x; expect_rc 2 ;;
options)
	g good.lines -t lines --wrap=40 --no-front-matter -O data-dir=/tmp -O x=1; expect_rc 0
	expect_out "%wrap=40"; expect_out "%front-matter=false"; expect_out "%data-dir=/tmp"; expect_out "%x=1"
	g good.lines -t lines --wrap=wide; expect_rc 2; expect_err "--wrap"
	g good.lines -t lines -O novalue; expect_rc 2 ;;
options-unknown)
	# A key neither end nor the core declares is a usage error naming it, before anything is read.
	[ -e "$BUILD_PLUGINS/markdown.so" ] && [ -e "$BUILD_PLUGINS/text.so" ] || skip "no markdown or text plugin built"
	printf 'Title\n\nBody.\n' >r.txt
	g -t markdown -O wrapp=20 r.txt; expect_rc 2; one_line_err; expect_err "galley: unknown option 'wrapp' (did you mean 'wrap'? "
	expect_err "markdown writer: wrap, front-matter, flavor"; expect_err "text reader: charset"; expect_err "any format: data-dir"
	g -f text -t markdown -O wrapp=20 missing.txt; expect_rc 2; expect_err "'wrapp'"  # -f: checked before reading
	g -t opts -O bogus=1 r.txt; expect_rc 2; expect_err "unknown option 'bogus' (text reader: charset; opts writer: level"
	# --wrap and --no-front-matter set the same keys: a writer that takes neither refuses them.
	[ -e "$BUILD_PLUGINS/tei.so" ] || skip "no tei plugin built"
	g -t tei --wrap=40 r.txt; expect_rc 2; expect_err "unknown option 'wrap'"
	g -t tei --no-front-matter r.txt; expect_rc 2; expect_err "unknown option 'front-matter'" ;;
options-bad-value)
	[ -e "$BUILD_PLUGINS/markdown.so" ] || skip "no markdown plugin built"
	g -t markdown -O wrap=wide good.lines; expect_rc 2; one_line_err
	expect_err "galley: option wrap: expected none, preserve, auto or a number from 0 to 100000, not 'wide'"
	g -t markdown -O front-matter=maybe good.lines; expect_rc 2; expect_err "option front-matter: expected true or false"
	g -t markdown -O flavor=gfx good.lines; expect_rc 2; expect_err "option flavor: expected commonmark or gfm, not 'gfx'"
	g -t opts -O level=10 good.lines; expect_rc 2; expect_err "option level: expected max or a number from 1 to 9, not '10'"
	g -t opts -O mode=quick good.lines; expect_rc 2; expect_err "option mode: expected fast or slow"
	# A bad value is refused even where unknown keys pass (the lines reader declares nothing).
	g -t opts -O strict=perhaps -O anything=1 good.lines; expect_rc 2; expect_err "option strict:"
	g -t lines --wrap=0 good.lines; expect_rc 2; expect_err "--wrap wants 'none' or a number of columns, not '0'" ;;
options-declared)
	[ -e "$BUILD_PLUGINS/markdown.so" ] && [ -e "$BUILD_PLUGINS/text.so" ] || skip "no markdown or text plugin built"
	printf 'Title\n\nBody.\n' >r.txt
	g -t markdown -O wrap=20 -O flavor=gfm -O front-matter=off r.txt; expect_rc 0
	g -t markdown --wrap=20 --no-front-matter -O wrap=auto r.txt; expect_rc 0
	# The reader's declared option, and the core's data-dir for any writer.
	g -t opts -O charset=latin1 -O data-dir=/tmp -O level=max -O mode=slow -O strict=yes -O label= r.txt; expect_rc 0
	expect_out "%charset=latin1"; expect_out "%data-dir=/tmp"; expect_out "%level=max"; expect_out "%strict=yes"
	[ -e "$BUILD_PLUGINS/tei.so" ] || skip "no tei plugin built"
	g -t tei -O data-dir=/tmp r.txt; expect_rc 0 ;;
options-unchecked)
	# A reader or writer without a table (the lines ones: options NULL) may take any key.
	g -t opts -O whatever=1 good.lines; expect_rc 0; expect_out "# opts"
	[ -e "$BUILD_PLUGINS/text.so" ] || skip "no text plugin built"
	printf 'Title\n\nBody.\n' >r.txt
	g -t lines -O whatever=1 -O wrapp=2 r.txt; expect_rc 0 ;;
list-options)
	g --list-options opts; expect_rc 0; [ -s err ] && fail "no warning expected for a format that declares options"
	expect_out "level	max|1..9	a level from 1 to 9, or max"; expect_out "mode	fast|slow	how to go"
	expect_out "strict	true|false	"; expect_out "label	TEXT	any text"; expect_out "data-dir	DIR	"
	awk -F'\t' 'NF != 3 { exit 1 }' out || fail "every line has three tab-separated fields"
	g --list-options lines; expect_rc 0; expect_err "the lines reader declares no options"; expect_err "the lines writer declares no options"
	[ "$(cut -f1 out | tr '\n' ' ')" = "data-dir max-input-size max-nodes max-attributes filter-timeout " ] ||
		fail "only the core options expected for lines: $(cat out)"
	g --list-options nope; expect_rc 2; expect_err "unknown format 'nope'"
	[ -e "$BUILD_PLUGINS/markdown.so" ] || skip "no markdown plugin built"
	g --list-options gfm; expect_rc 0; expect_out "wrap	none|preserve|auto|0..100000	"; expect_out "flavor	commonmark|gfm	" ;;
options-documented)
	# Every option a built-in format declares is in the man page.
	for f in $("$GALLEY" --list-input-formats) $("$GALLEY" --list-output-formats); do
		"$GALLEY" --list-options "$f" >out 2>err || fail "--list-options $f failed"
		for k in $(cut -f1 out); do grep -qF -- "${k//-/\\-}" "$MANPAGE" || fail "galley.1 does not document option $k ($f)"; done
	done ;;
list-input-formats)
	g --list-input-formats; expect_rc 0
	sort -c out || fail "not sorted"; [ "$(sort -u out | wc -l)" = "$(wc -l <out)" ] || fail "duplicates"
	grep -qx lines out && grep -qx ln out || fail "lines and its alias ln should be listed" ;;
list-output-formats)
	g --list-output-formats; expect_rc 0
	sort -c out || fail "not sorted"
	for f in lines ln dotted pack book failw zipw; do grep -qx "$f" out || fail "$f missing"; done
	[ -e "$BUILD_PLUGINS/json.so" ] && { grep -qx json out || fail "json plugin's writer missing"; }
	true ;;
list-plugins)
	g --list-plugins; expect_rc 0
	line=$(grep "^clitest	" out) || fail "clitest not listed"
	IFS=$'\t' read -r name version path formats <<<"$line"
	[ "$version" = 1.2.3 ] || fail "version '$version'"
	[ "$path" = "$(realpath "$CLI_PLUGINS")/clitest.so" ] || fail "path '$path'"
	[ "$formats" = "reader:lines,writer:lines,writer:dotted,writer:pack,writer:book,writer:failw,writer:zipw,writer:opts" ] ||
		fail "formats '$formats'"
	awk -F'\t' 'NF != 4 { exit 1 }' out || fail "every line has four tab-separated fields"
	while IFS=$'\t' read -r _ _ p _; do [ -f "$p" ] || fail "listed path $p does not exist"; done <out ;;
plugin-removal)
	# A galley outside the build tree sees only the folder it is given.
	outside; mkdir plugins; copy_galley bin
	cp "$CLI_PLUGINS"/clitest.so "$CLI_PLUGINS"/clitest2.so plugins/
	cp "$BUILD_PLUGINS"/*.so plugins/ 2>/dev/null
	bin/galley --plugin-dir plugins --list-output-formats >before 2>err || fail "listing failed"
	grep -qx second before || fail "clitest2's writer missing before removal"
	for p in plugins/*.so; do
		[ "$(basename "$p")" = clitest.so ] && continue
		names=$(bin/galley --plugin-dir plugins --list-plugins | awk -F'\t' -v p="$(realpath "$p")" '$3 == p { print $4 }' |
			tr ',' '\n' | sed -n 's/^writer://p')
		rm "$p"
		bin/galley --plugin-dir plugins --list-output-formats >after 2>err || fail "listing failed after removing $p"
		[ -s err ] && fail "warnings after removing $p"
		for n in $names; do grep -qx "$n" after && fail "$n still listed after removing $p"; done
		bin/galley --plugin-dir plugins good.lines -t lines >out 2>err || fail "conversion broke after removing $p"
	done
	[ "$(cat after)" = "$(printf 'book\ndotted\nfailw\nlines\nln\nopts\npack\nzipw')" ] || fail "unexpected formats left: $(cat after)" ;;
plugin-path-order)
	outside; mkdir a b; copy_galley bin
	cp "$CLI_PLUGINS"/clitest.so a/; cp "$CLI_PLUGINS"/clitest.so b/
	GALLEY_PLUGIN_PATH="$work/b:$work/a" bin/galley --list-plugins >out 2>err
	[ "$(cut -f3 out)" = "$work/b/clitest.so" ] || fail "GALLEY_PLUGIN_PATH order not kept: $(cat out)"
	GALLEY_PLUGIN_PATH="$work/b" bin/galley --plugin-dir a --list-plugins >out 2>err
	[ "$(cut -f3 out)" = "$work/a/clitest.so" ] || fail "--plugin-dir should come before GALLEY_PLUGIN_PATH"
	# Empty elements never mean the current folder.
	(cd a && GALLEY_PLUGIN_PATH="::" ../bin/galley --list-plugins >../out 2>../err)
	[ ! -s out ] || fail "a plugin was loaded from the current folder" ;;
longest-suffix)
	g good.lines -o result.d.lines; expect_rc 0; grep -qx "# dotted" result.d.lines || fail "x.d.lines should pick dotted"
	g good.lines -o RESULT.LINES; expect_rc 0; grep -qx "# lines" RESULT.LINES || fail "extension case should not matter"
	g good.lines -t ln; expect_rc 0; grep -qx "# ln" out || fail "writer not told the alias it was asked for" ;;
quiet-verbose)
	mkdir plugs; echo "not a shared object" >plugs/broken.so
	"$GALLEY" --plugin-dir plugs --plugin-dir "$CLI_PLUGINS" -t lines good.lines >out 2>err; rc=$?
	expect_rc 0; expect_err "$work/plugs/broken.so: not a loadable plugin"
	"$GALLEY" -q --plugin-dir plugs --plugin-dir "$CLI_PLUGINS" -t lines good.lines >out 2>err; rc=$?
	expect_rc 0; [ ! -s err ] || fail "-q should silence warnings"
	"$GALLEY" -v --plugin-dir "$CLI_PLUGINS" -t lines good.lines >out 2>err; rc=$?
	expect_rc 0; expect_err "loaded plugin clitest 1.2.3"; expect_err "reading as lines" ;;
json-roundtrip)
	[ -e "$BUILD_PLUGINS/json.so" ] || skip "the json plugin is not built"
	g good.lines -t json -M title=T -o a.json; expect_rc 0
	g a.json -t json -o b.json; expect_rc 0
	cmp a.json b.json || fail "json does not round-trip"
	g a.json -t lines; expect_rc 0; expect_out "Second paragraph"; expect_out "@title=T" ;;
zip-service)
	command -v unzip >/dev/null || skip "no unzip"
	g good.lines -o pkg.zipw; expect_rc 0
	unzip -tq pkg.zipw >/dev/null || fail "unzip -t rejects the package"
	[ "$(unzip -Z1 pkg.zipw | head -n 1)" = mimetype ] || fail "mimetype is not the first entry"
	# First local header: compression method (offset 8) 0, extra length (offset 28) 0.
	[ "$(od -An -tu2 -j8 -N2 pkg.zipw | tr -d ' ')" = 0 ] || fail "mimetype is compressed"
	[ "$(od -An -tu2 -j28 -N2 pkg.zipw | tr -d ' ')" = 0 ] || fail "mimetype has an extra field"
	[ "$(unzip -p pkg.zipw mimetype)" = application/x-clitest ] || fail "bad mimetype content"
	unzip -p pkg.zipw doc/body.txt | grep -q "Second paragraph" || fail "body missing" ;;
large-input)
	# 16 MiB through a pipe and from a file, compared byte for byte.
	yes "a line of a large release that goes on" | head -c 16777216 >big.lines
	printf '\n' >>big.lines
	"$GALLEY" --plugin-dir "$CLI_PLUGINS" -f lines -t lines <big.lines >out.pipe 2>err || fail "pipe failed"
	g big.lines -t lines -o out.file; expect_rc 0
	cmp -s out.pipe out.file || fail "pipe and file outputs differ"
	[ "$(grep -vc '^#' out.file)" = "$(wc -l <big.lines)" ] || fail "lines lost" ;;
*)
	echo "unknown case $case_name" >&2; exit 2 ;;
esac
exit 0
