#!/bin/bash
# One process per file, as shell loops and Makefiles run galley: the CPU
# time (user + sys of the children) of converting every page of the
# readability corpus one process each, against xmllint --html --noout
# parsing the same pages one process each (the floor), in alternating
# rounds; median and min ratio per command. Also text -> markdown over the
# releases-text corpus, startup alone (an empty JSON document vs xmllint of
# an empty file) and pandoc on every page when it is installed (once: about 40 s;
# galley's time there the median of at least 5 runs).
#   tests/bench/shell/run.sh [BUILD_DIR] [ROUNDS]     (default: build 5)
set -u
build=${1:-build} rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
shared=${GALLEY_SHARED_DIR:-$here/../../../../shared}
pages=("$shared"/corpora/readability/test-pages/*/source.html)
texts=("$shared"/corpora/releases-text/*.txt)
[ -f "${pages[0]}" ] || { echo "no readability corpus under $shared" >&2; exit 77; }
g=$build/galley
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
echo '{"galley-ir":1,"meta":{},"blocks":[]}' >"$tmp/empty.json"; : >"$tmp/empty.html"
# cpu CMD...: CPU seconds of running CMD FILE for each FILE in $files (a bash array name)
cpu() {
	local -n list=$1; shift
	( for f in "${list[@]}"; do "$@" "$f" >/dev/null 2>&1; done; times >"$tmp/t" )
	tail -1 "$tmp/t" | awk '{ split($1, u, "m"); split($2, s, "m"); printf "%.3f\n", u[1]*60 + u[2] + s[1]*60 + s[2] }'
}
declare -a empty_json=("$tmp/empty.json") empty_html=("$tmp/empty.html")
rep() { local -n l=$1; local n=$2 out=(); for ((i = 0; i < n; i++)); do out+=("${l[0]}"); done; printf '%s\n' "${out[@]}"; }
mapfile -t empty_json < <(rep empty_json 130); mapfile -t empty_html < <(rep empty_html 130)
declare -A ratios
for ((r = 1; r <= rounds; r++)); do
	x=$(cpu pages xmllint --html --noout)
	for fmt in json markdown tei; do
		t=$(cpu pages "$g" -f html -t $fmt)
		ratios[html-$fmt]+="$(awk -v a="$t" -v b="$x" 'BEGIN { printf "%.3f ", a / b }')"
	done
	xt=$(cpu texts xmllint --html --noout)
	t=$(cpu texts "$g" -f text -t markdown)
	ratios[text-markdown]+="$(awk -v a="$t" -v b="$xt" 'BEGIN { printf "%.3f ", a / b }')"
	xe=$(cpu empty_html xmllint --html --noout)
	t=$(cpu empty_json "$g" -f json -t json)
	ratios[startup]+="$(awk -v a="$t" -v b="$xe" 'BEGIN { printf "%.3f ", a / b }')"
	echo "round $r: xmllint ${x}s over ${#pages[@]} pages" >&2
done
for k in html-json html-markdown html-tei text-markdown startup; do
	echo "${ratios[$k]}" | tr ' ' '\n' | grep . | sort -n | awk -v k="$k" '{ v[NR] = $1 } END { printf "%-14s median %.2fx  min %.2fx  (galley CPU / xmllint CPU, one process a file)\n", k, v[int((NR + 1) / 2)], v[1] }'
done
if command -v pandoc >/dev/null; then
	# pandoc once (tens of seconds: steady); galley's second is the
	# median of as many runs as there are rounds (at least 5), as one run
	# that short moves by a fifth with the machine's noise
	p=$(cpu pages pandoc -f html -t markdown)
	t=$(for ((r = 0; r < (rounds > 5 ? rounds : 5); r++)); do cpu pages "$g" -f html -t markdown; done |
		sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	awk -v p="$p" -v t="$t" -v n=${#pages[@]} 'BEGIN { printf "pandoc -f html -t markdown: %.2fs, galley: %.3fs (median) over %d pages (%.0fx)\n", p, t, n, p / t }'
fi
