#!/bin/bash
# batch.sh CASE — out of memory in galley batch (issue 16): a batch over a
# folder (CASE folder) or a zip (CASE zip) of a text and an HTML release,
# to Markdown and TEI, is run once for each N with its Nth allocation
# failed (preload.c, LD_PRELOAD'ed). Each run must end with the output of
# the run with memory to spare (folder, report) or with an error message
# on standard error and exit 1 or 3; never a crash, a hang (30 s), a leaked
# block or a partial output file. Environment: GALLEY, PRELOAD, TESTTMP.
set -u
case_name=$1
work=$TESTTMP/oom-batch-$case_name
rm -rf "$work" && mkdir -p "$work/src" && cd "$work" || exit 1
fail() { echo "FAIL [oom.batch.$case_name]: $*" >&2; exit 1; }
command -v zip >/dev/null || { echo "SKIP: no zip"; exit 77; }

printf 'Title of the release\n\nThe ministry said on Monday that it would open the office.\n\nContact: press office\n' >src/a.txt
printf '<html><head><title>Page</title></head><body><h1>Head</h1><p>Some <b>bold</b> text and <a href="/x">a link</a>.</p></body></html>' >src/b.html
(cd src && zip -q ../src.zip a.txt b.html) || fail "cannot make the zip"
case $case_name in
folder) input=src ;;
zip) input=src.zip ;;
*) fail "no case $case_name" ;;
esac

# run N DEST — galley batch with allocation N failed (0: none); rc in $rc
run() {
	rm -rf "$2" rep
	# env sets the preload for galley alone (timeout would write a report too)
	timeout -s KILL 30 env GALLEY_OOM_AT="$1" GALLEY_OOM_REPORT=rep LD_PRELOAD="$PRELOAD" \
		"$GALLEY" batch -v -j 1 -t markdown,tei --report "$2.jsonl" -o "$2" "$input" >out 2>err
	rc=$?
}
# the report without the times it took
report() { sed 's/"ms":[0-9]*,//' "$1"; }

run 0 ref
[ "$rc" = 0 ] || { cat err >&2; fail "the batch with memory to spare: exit $rc"; }
read -r total live <rep || fail "no allocation report (is $PRELOAD preloaded?)"
[ "$live" = 0 ] || fail "the batch with memory to spare leaves $live blocks"
[ "$total" -gt 100 ] || fail "only $total allocations counted"
[ "$(find ref -type f | wc -l)" = 4 ] || fail "the reference run wrote $(find ref -type f | wc -l) files, not 4"

bad=0
for n in $(seq 1 "$total"); do
	run "$n" got
	why=
	if [ "$rc" -ge 124 ]; then
		why="exit $rc (crash or hang)"
	elif ! read -r _ live <rep 2>/dev/null; then
		why="no allocation report"
	elif [ "$live" != 0 ]; then
		why="$live blocks leaked"
	elif [ "$rc" = 0 ]; then
		diff -r ref got >/dev/null && [ "$(report ref.jsonl)" = "$(report got.jsonl | sed 's#"got/#"ref/#g')" ] ||
			why="exit 0 with other output"
	elif [ "$rc" != 1 ] && [ "$rc" != 3 ]; then
		why="exit $rc"
	elif ! grep -v '^galley: loaded plugin' err | grep -q .; then
		why="exit $rc without a message"
	elif [ -d got ] && find got -type f -empty | grep -q .; then
		why="an empty output file left: $(find got -type f -empty)"
	else
		# what was written is whole: every output is byte for byte the reference's
		for f in $(cd got 2>/dev/null && find . -type f); do
			cmp -s "ref/$f" "got/$f" || why="$f differs from the reference"
		done
	fi
	if [ -n "$why" ]; then
		echo "allocation $n of $total failed: $why" >&2
		grep -v '^galley: loaded plugin' err | head -5 >&2
		bad=$((bad + 1))
		[ "$bad" -lt 5 ] || break
	fi
done
echo "galley batch over $input: $total allocations, each failed once: $([ "$bad" = 0 ] && echo ok || echo FAILED)"
[ "$bad" = 0 ]
