#!/bin/bash
# filters.sh CASE — --filter: the filter plugins (C) and external programs
# (JSON on stdin/stdout), in single and batch mode, and how they fail.
# Environment: GALLEY, SRC (the source tree), TESTTMP, BAD_DIR (the
# loader's broken plugins), CLI_PLUGINS.
set -u
case_name=$1
work=$TESTTMP/$case_name
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "FAIL [filters.$case_name]: $*" >&2; echo "--- stdout:" >&2; head -c 3000 out >&2 2>/dev/null; echo "--- stderr:" >&2; cat err >&2 2>/dev/null; exit 1; }
skip() { echo "SKIP [filters.$case_name]: $*"; exit 77; }
command -v jq >/dev/null || skip "jq is not installed"
g() { "$GALLEY" "$@" >out 2>err; rc=$?; }
expect_rc() { [ "$rc" = "$1" ] || fail "exit status $rc, expected $1"; }
expect_err() { grep -qF -- "$1" err || fail "stderr lacks '$1'"; }
release=$SRC/examples/releases/mofa-2024-01-18-consultation.html
script=$SRC/tests/filters/upper-headings.py
# A document with a link, a heading and paragraphs in two languages.
cat >mixed.json <<'JSON'
{"galley-ir":1,"meta":{"title":"T","language":"en"},"blocks":[
 {"type":"heading","level":1,"inlines":[{"type":"text","text":"A joint statement"}]},
 {"type":"paragraph","inlines":[{"type":"text","text":"The two ministers met in Seoul on Monday and agreed to work together on trade, climate and the security of the region, "},{"type":"link","href":"https://example.org/x","inlines":[{"type":"text","text":"as announced"}]},{"type":"text","text":" last week by both governments."}]},
 {"type":"paragraph","inlines":[{"type":"text","text":"Les deux ministres se sont rencontrés à Séoul lundi et ont convenu de travailler ensemble sur le commerce, le climat et la sécurité de la région."}]},
 {"type":"div","role":"contact","blocks":[{"type":"paragraph","inlines":[{"type":"text","text":"Press office"}]}]}
]}
JSON

case $case_name in
c-single)
	g "$release" -t json --filter number-paragraphs; expect_rc 0
	n=$(jq '[.. | objects | select(.type == "paragraph" and .attr.kv.n != null)] | length' out)
	[ "$n" -gt 3 ] || fail "only $n paragraphs numbered"
	jq -e '[.. | objects | select(.type == "paragraph") | .attr.kv.n] | map(select(.)) | . == [range(1; length + 1) | tostring]' out >/dev/null ||
		fail "paragraph numbers not 1..N in order"
	g mixed.json -t json --filter number-paragraphs; expect_rc 0
	jq -e '.blocks[3].blocks[0].attr == null' out >/dev/null || fail "a contact paragraph was numbered"
	jq -e '.blocks[1].attr.id == "p-1" and .blocks[2].attr.kv.n == "2"' out >/dev/null || fail "ids/numbers wrong"
	g mixed.json -t json --filter strip-links; expect_rc 0
	jq -e '[.. | objects | select(.type == "link")] | length == 0' out >/dev/null || fail "a link is left"
	jq -e '[.blocks[1].inlines[].text] | join("") | contains("region, as announced last week")' out >/dev/null ||
		fail "the link's text was not kept in place"
	g mixed.json -t json --filter lang; expect_rc 0
	jq -e '.blocks[2].attr.kv.lang == "fr" and .blocks[1].attr.kv.lang == null' out >/dev/null ||
		fail "the French paragraph is not marked fr (or the English one is marked)"
	# Without a declared language, the document's is the one most text is in.
	jq 'del(.meta.language)' mixed.json >nolang.json
	g nolang.json -t json --filter lang; expect_rc 0
	jq -e '.meta.language == "en"' out >/dev/null || fail "document language not set from detection"
	# Order matters and is the command line's: markdown shows no link after strip-links.
	g mixed.json -t markdown --filter strip-links --filter number-paragraphs; expect_rc 0
	grep -q 'https://example.org' out && fail "strip-links did not run before writing"
	true ;;
c-batch)
	mkdir in; cp "$release" mixed.json in/
	g batch -q -t json,markdown -o dest --filter strip-links --filter number-paragraphs in; expect_rc 0
	jq -e '[.. | objects | select(.type == "link")] | length == 0' dest/mixed.json >/dev/null || fail "batch: link left"
	jq -e '.blocks[1].attr.kv.n == "1"' dest/mixed.json >/dev/null || fail "batch: not numbered"
	grep -q 'https://example.org' dest/mixed.md && fail "batch markdown has the link"
	jq -e '[.. | objects | select(.attr.kv.n != null)] | length > 3' dest/mofa-2024-01-18-consultation.json >/dev/null ||
		fail "batch: the release was not numbered"
	true ;;
script-single)
	g mixed.json -t json --filter "$script"; expect_rc 0
	jq -e '.blocks[0].inlines[0].text == "A JOINT STATEMENT" and (.meta.keywords | index("filtered"))' out >/dev/null ||
		fail "the script's change is not in the output"
	# Chained with a C filter, in order.
	g "$release" -t markdown --filter "$script" --filter strip-links; expect_rc 0
	grep -q '^keywords:' out || fail "script output not written"
	# A relative path (./x) is a program too, never looked up in PATH.
	cp "$script" ./up.py
	g mixed.json -t json --filter ./up.py; expect_rc 0
	jq -e '.blocks[0].inlines[0].text == "A JOINT STATEMENT"' out >/dev/null || fail "./up.py did not run"
	true ;;
script-batch)
	mkdir in; cp mixed.json in/a.json; cp mixed.json in/b.json
	g batch -q -j 2 -t json -o dest --filter "$script" in; expect_rc 0
	for f in a b; do
		jq -e '.blocks[0].inlines[0].text == "A JOINT STATEMENT"' dest/$f.json >/dev/null || fail "batch: $f not filtered"
	done
	# A failing program fails the job, named, and writes nothing for it.
	printf '#!/bin/sh\nexit 4\n' >bad.sh; chmod +x bad.sh
	g batch -q -t json -o dest2 --filter ./bad.sh --report rep.jsonl in; expect_rc 1
	[ -e dest2/a.json ] && fail "an output was written for a failed filter"
	jq -e -s 'all(.status == "failed" and (.error | contains("filter ./bad.sh: exited with status 4")))' rep.jsonl >/dev/null ||
		fail "report: $(cat rep.jsonl)"
	g batch -q -t json -o dest3 --filter nosuch in; expect_rc 2; expect_err "unknown filter 'nosuch'"
	true ;;
failures)
	printf '#!/bin/sh\ncat >/dev/null\nexit 3\n' >exit3.sh
	printf '#!/bin/sh\ncat >/dev/null\necho "{not json"\n' >garbage.sh
	printf '#!/bin/sh\nexec sleep 30\n' >slow.sh
	printf '#!/bin/sh\nkill -9 $$\n' >killed.sh
	printf '#!/bin/sh\ncat >/dev/null\n' >silent.sh
	printf 'not executable\n' >noexec.sh
	chmod +x exit3.sh garbage.sh slow.sh killed.sh silent.sh
	printf 'old\n' >target.md
	g mixed.json -o target.md --filter ./exit3.sh; expect_rc 1; expect_err "mixed.json: filter ./exit3.sh: exited with status 3"
	[ "$(cat target.md)" = old ] || fail "a failed filter touched the output file"
	[ "$(wc -l <err)" = 1 ] || fail "more than one line of error"
	g mixed.json -t json --filter ./garbage.sh; expect_rc 1; expect_err "filter ./garbage.sh: its output is not the JSON form"
	[ -s out ] && fail "output written after invalid JSON"
	start=$(date +%s)
	g mixed.json -t json --filter ./slow.sh -O filter-timeout=1; expect_rc 1; expect_err "filter ./slow.sh: timed out after 1 s"
	[ $(($(date +%s) - start)) -lt 10 ] || fail "the timeout did not stop the program"
	g mixed.json -t json --filter ./killed.sh; expect_rc 1; expect_err "filter ./killed.sh: killed by signal 9"
	g mixed.json -t json --filter ./silent.sh; expect_rc 1; expect_err "filter ./silent.sh: wrote nothing"
	g mixed.json -t json --filter ./noexec.sh; expect_rc 2; expect_err "filter ./noexec.sh: not an executable file"
	g mixed.json -t json --filter ./missing.sh; expect_rc 2; expect_err "filter ./missing.sh: No such file or directory"
	g mixed.json -t json --filter nosuch; expect_rc 2; expect_err "unknown filter 'nosuch'"
	g mixed.json -t json --filter ./exit3.sh -O filter-timeout=soon; expect_rc 2; expect_err "option filter-timeout"
	true ;;
tei-attrs)
	# TEI writes what the filters add: n and xml:lang on <p>, valid TEI.
	g mixed.json -t tei --filter lang --filter number-paragraphs -o out.tei.xml; expect_rc 0
	grep -q '<p n="2" xml:lang="fr">Les deux ministres' out.tei.xml || fail "no n/xml:lang on the French paragraph: $(grep '<p' out.tei.xml)"
	grep -q '<p n="1">The two ministers' out.tei.xml || fail "no n on the first paragraph"
	validate=$SRC/../shared/tools/validate
	[ -x "$validate" ] || skip "no ../shared/tools/validate to check the TEI"
	"$validate" tei out.tei.xml >val 2>&1 || { cat val >&2; fail "the TEI is not valid"; } ;;
big-document)
	# Some megabytes of JSON through a program that writes as it reads: no deadlock.
	jq '.blocks as $b | .blocks = [range(0; 3000) | $b[]]' mixed.json >big.json
	[ "$(stat -c %s big.json)" -gt 1500000 ] || fail "big.json is too small to fill a pipe"
	g big.json -t json --filter "$SRC/tests/filters/identity-slow-reader.sh" -O filter-timeout=120; expect_rc 0
	[ "$(jq '.blocks | length' out)" = 12000 ] || fail "blocks lost on the way"
	true ;;
loader-manners)
	# --list-plugins -v lists the refused plugins, with the reason, as four fields.
	g --plugin-dir "$CLI_PLUGINS" --plugin-dir "$BAD_DIR" --list-plugins; expect_rc 0
	grep -q '^-	refused	' out && fail "refused plugins listed without -v"
	g -v --plugin-dir "$CLI_PLUGINS" --plugin-dir "$BAD_DIR" --list-plugins; expect_rc 0
	grep -qF -- "$(printf -- '-\trefused\t%s/abimajor.so\tplugin ABI 3.0, galley expects' "$BAD_DIR")" out || fail "abimajor not listed as refused"
	grep -qF -- "$(printf -- '-\trefused\t%s/notso.so\tnot a loadable plugin' "$BAD_DIR")" out || fail "notso not listed as refused"
	# A format name that exists already: refused, naming both files.
	grep -qF -- "$(printf -- '-\trefused\t%s/dup.so\trefused: duplicate writer '"'lines'"': already registered by %s/clitest.so' "$BAD_DIR" "$CLI_PLUGINS")" out ||
		fail "dup.so not refused naming both files"
	expect_err "$BAD_DIR/dup.so: refused: duplicate writer 'lines': already registered by $CLI_PLUGINS/clitest.so"
	awk -F'\t' 'NF != 4 { exit 1 }' out || fail "every line has four fields"
	# --plugin-info: by plugin name, or by a name it registers.
	g --plugin-dir "$CLI_PLUGINS" --plugin-info clitest; expect_rc 0
	grep -qx 'name: clitest' out && grep -qx 'version: 1.2.3' out && grep -qx 'license: MIT' out || fail "descriptor fields"
	grep -qx 'abi: 2\.[0-9]*' out || fail "abi line"
	grep -qx "path: $CLI_PLUGINS/clitest.so" out || fail "path line"
	grep -qx 'writer opts' out || fail "writer opts not described"
	grep -q '^    option ' out || fail "declared options not shown"
	g --plugin-info strip-links; expect_rc 0
	grep -qx 'name: filters' out && grep -qx 'filter strip-links' out && grep -qx 'filter lang' out || fail "filters plugin"
	g --plugin-info nosuch; expect_rc 2; expect_err "no plugin, format or filter 'nosuch'"
	g --list-filters; expect_rc 0
	[ "$(cat out)" = "$(printf 'lang\nnumber-paragraphs\nstrip-links')" ] || fail "--list-filters: $(cat out)" ;;
*)
	echo "unknown case $case_name" >&2; exit 2 ;;
esac
echo "ok"
