#!/bin/bash
# examples.sh CASE — the shell scripts in examples/ do what their headers say.
# Environment: GALLEY, EXAMPLES (examples/), FIXTURES (tests/fixtures), TESTTMP.
set -u
case_name=$1
work=$TESTTMP/examples-$case_name
rm -rf "$work" && mkdir -p "$work" || exit 1
fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
export GALLEY
case $case_name in
convert-folder)
	mkdir -p "$work/src/2024" && cp "$FIXTURES"/text/ko-box-items.txt "$FIXTURES"/text/en-notes.txt "$work/src/" &&
		cp "$FIXTURES"/html/mofa-2024-01-18-consultation.html "$work/src/2024/" || exit 1
	sh "$EXAMPLES/convert-folder.sh" "$work/src" "$work/out" markdown tei || fail "exit $?"
	for f in ko-box-items en-notes 2024/mofa-2024-01-18-consultation; do
		[ -s "$work/out/$f.md" ] && [ -s "$work/out/$f.tei.xml" ] || fail "no output for $f"
	done
	grep -q '^title: "제5차 한-아세안 외교장관회의 개최 결과"$' "$work/out/ko-box-items.md" || fail "wrong Korean title"
	# a bad file is reported and makes the script fail, the others still convert
	head -c 2000 /dev/zero >"$work/src/bad.txt"
	sh "$EXAMPLES/convert-folder.sh" "$work/src" "$work/out2" markdown 2>"$work/err" && fail "a failure went unreported"
	grep -q "bad.txt" "$work/err" || fail "the failing file is not named"
	[ -s "$work/out2/en-notes.md" ] || fail "good files not converted after a failure"
	grep -q "^  .*bad.txt (markdown)$" "$work/err" || fail "failures are not listed: $(cat "$work/err")"
	rm "$work/src/bad.txt"
	# Two releases with one name keep apart: a.txt and a.html give a.txt.md and a.html.md.
	mkdir -p "$work/same" && cp "$FIXTURES"/text/en-notes.txt "$work/same/a.txt" &&
		cp "$FIXTURES"/html/mofa-2024-01-18-consultation.html "$work/same/a.html" &&
		cp "$FIXTURES"/text/ko-box-items.txt "$work/same/b.txt" || exit 1
	sh "$EXAMPLES/convert-folder.sh" "$work/same" "$work/out3" markdown || fail "exit $?"
	[ -s "$work/out3/a.txt.md" ] && [ -s "$work/out3/a.html.md" ] && [ -s "$work/out3/b.md" ] ||
		fail "outputs of a.txt and a.html not kept apart: $(ls "$work/out3")"
	[ ! -e "$work/out3/a.md" ] || fail "a.md written though two releases are named a"
	cmp -s "$work/out3/a.txt.md" "$work/out3/a.html.md" && fail "one output overwrote the other"
	# Without GALLEY, the script finds the checkout's build, or says what to do.
	if [ -x "$EXAMPLES/../build/galley" ]; then
		env -u GALLEY PATH=/usr/bin:/bin sh "$EXAMPLES/convert-folder.sh" "$work/same" "$work/out4" json ||
			fail "the script did not find the checkout's build/galley"
		[ -s "$work/out4/b.json" ] || fail "no output with the checkout's build"
	else
		env -u GALLEY PATH=/nonexistent /bin/sh "$EXAMPLES/convert-folder.sh" "$work/same" "$work/out4" 2>"$work/err"
		[ $? = 2 ] && grep -q "galley not found" "$work/err" || fail "no clear message without a galley"
	fi ;;
chain)
	command -v jq >/dev/null || { echo "SKIP: jq is not installed"; exit 77; }
	sh "$EXAMPLES/chain.sh" "$FIXTURES/html/mofa-2024-01-18-consultation.html" >"$work/out.md" || fail "exit $?"
	grep -qx '  - "DPRK"' "$work/out.md" || fail "keyword not added"
	grep -q '^7\. ' "$work/out.md" || fail "body lost" ;;
batch-slurm)
	# The sbatch script run as Slurm would run a 3-task array (ids 1..3):
	# the tasks together give what one galley batch run gives.
	mkdir -p "$work/src/2024" && cp "$FIXTURES"/text/ko-box-items.txt "$FIXTURES"/text/en-notes.txt "$work/src/" &&
		cp "$FIXTURES"/html/mofa-2024-01-18-consultation.html "$work/src/2024/" || exit 1
	for i in $(seq 1 9); do printf 'Release %s\n\nText %s.\n' $i $i >"$work/src/r$i.txt"; done
	"$GALLEY" batch -q -t markdown,tei -o "$work/one" "$work/src" || fail "the unsharded run failed"
	for t in 1 2 3; do
		SLURM_ARRAY_TASK_ID=$t SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=3 SLURM_CPUS_PER_TASK=2 \
			sh "$EXAMPLES/batch-slurm.sbatch" "$work/src" "$work/out" markdown,tei || fail "task $t: exit $?"
	done
	diff -r "$work/one" "$work/out" >/dev/null || fail "the array's outputs differ from one run's"
	[ "$(cat "$work"/out.reports/*.jsonl | wc -l)" = 12 ] || fail "not one report line per input" ;;
batch-parallel)
	command -v parallel >/dev/null || { echo "SKIP: GNU parallel is not installed"; exit 77; }
	mkdir -p "$work/src" && cp "$FIXTURES"/text/ko-box-items.txt "$FIXTURES"/text/en-notes.txt "$work/src/" || exit 1
	for i in $(seq 1 9); do printf 'Release %s\n\nText %s.\n' $i $i >"$work/src/r$i.txt"; done
	"$GALLEY" batch -q -t json -o "$work/one" "$work/src" || fail "the unsharded run failed"
	FORMATS=json sh "$EXAMPLES/batch-parallel.sh" "$work/src" "$work/out" 4 || fail "exit $?"
	diff -r "$work/one" "$work/out" >/dev/null || fail "the shards' outputs differ from one run's"
	[ "$(cat "$work"/out.reports/*.jsonl | wc -l)" = 11 ] || fail "not one report line per input" ;;
batch-k8s)
	# The indexed Job: valid YAML, completions equal to the N of --shard auto/N.
	python3 - "$EXAMPLES/batch-k8s.yaml" <<'PY' || fail "batch-k8s.yaml is not what it says"
import re, sys, yaml
job = yaml.safe_load(open(sys.argv[1]))
spec = job['spec']
assert job['kind'] == 'Job' and spec['completionMode'] == 'Indexed'
script = ' '.join(spec['template']['spec']['containers'][0]['args'])
n = int(re.search(r'--shard auto/(\d+)', script).group(1))
assert n == spec['completions'], (n, spec['completions'])
assert '$JOB_COMPLETION_INDEX' in script
PY
	;;
*) fail "unknown case" ;;
esac
