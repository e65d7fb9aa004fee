#!/bin/sh
# run.sh BUILD — the real-release scores of issue 14: ../shared/tools/score-releases
# over the releases-text and releases-html corpora with BUILD/galley, field by
# field (a benchmark to read, not a pass/fail test; the families the readers
# already read are ctest tests: text.corpus.*). Add --show to print every miss.
set -eu
build=${1:?usage: tests/bench/releases/run.sh BUILD [--show]}
shift
here=$(cd "$(dirname "$0")" && pwd)
shared=${GALLEY_SHARED_DIR:-$here/../../../../shared}
score=$shared/tools/score-releases
galley=$build/galley
[ -x "$galley" ] || { echo "run.sh: no $galley: build first (cmake --build $build)" >&2; exit 1; }
if [ ! -x "$score" ]; then
	echo "run.sh: SKIPPED: no $score (../shared is absent)"
	exit 0
fi
for corpus in text html; do
	echo "== releases-$corpus"
	"$score" "$corpus" "$galley" "$@"
done
