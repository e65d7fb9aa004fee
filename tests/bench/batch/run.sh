#!/bin/sh
# run.sh GALLEY [CORPUS] — the figures of issue 13, in one run: the readability
# corpus's pages as one zip → docx,epub,markdown,tei with galley batch -j 1,
# against (a) xmllint --html --noout over the same files in one process (the
# parse floor; target: at most 4x) and (b) pandoc converting the same files
# to the same formats one file at a time (target: galley at least 30x
# faster); -j 2 against -j 1 (target: at least 1.7x); and the peak RSS of a
# 20,000-document batch against a 200-document one (target: at most +10%).
# CPU time is user + system (/usr/bin/time), the best of BENCH_ROUNDS rounds
# (default 3; pandoc once: it takes minutes); -j 2 against -j 1 is a ratio
# of wall time (CPU time does not shrink with threads), so it needs an
# otherwise idle machine (or BENCH_RT="chrt -r 10" as root: see jrounds);
# their CPU time and minor faults are printed beside. Outputs go to
# BENCH_DEST (default: a folder in TMPDIR); on a disk each output's fsync()
# is waited for, which is wall time, not CPU. BENCH_ONLY=jobs runs the -j 1 /
# -j 2 rounds and the CPU by thread only (a minute, not ten: no xmllint,
# pandoc or memory figures). A benchmark: never a ctest test. Exit 77 without the corpus.
set -eu
galley=$1
corpus=${2:-$(dirname "$0")/../../../../shared/corpora/readability/test-pages}
formats=docx,epub,markdown,tei
rounds=${BENCH_ROUNDS:-3}
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 77; }
for t in python3 xmllint pandoc /usr/bin/time; do
	command -v "$t" >/dev/null || { echo "no $t" >&2; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/galley-bench-batch.XXXXXX")
dest=${BENCH_DEST:-$tmp}/galley-bench-out.$$
trap 'rm -rf "$tmp" "$dest"' EXIT
# The pages as one zip (PAGE.html at its root), and unpacked for the others.
python3 - "$corpus" "$tmp/pages.zip" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for d in sorted(os.listdir(src)):
        p = os.path.join(src, d, 'source.html')
        if os.path.isfile(p):
            z.write(p, d + '.html')
PY
mkdir "$tmp/pages" && (cd "$tmp/pages" && unzip -q ../pages.zip)
n=$(ls "$tmp/pages" | wc -l)

# best CMD...: the best of $rounds rounds, "WALL CPU" in seconds.
best() {
	b=
	for r in $(seq 1 "$rounds"); do
		rm -rf "$dest"
		/usr/bin/time -f '%e %U %S' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
		t=$(awk '{ printf "%.3f %.3f", $1, $2 + $3 }' "$tmp/t")
		if [ -z "$b" ] || [ "$(echo "$t $b" | awk '{ print ($2 < $4) }')" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
# jrounds: -j 1 and -j 2 in alternating rounds (so a change of load hits
# both), each the best of $rounds by wall time: "WALL CPU MINFLT" for -j 1,
# then for -j 2. $BENCH_RT prefixes these runs, e.g. "chrt -r 10" (as root:
# a real-time class, so other processes' load does not stretch the wall time).
jrounds() {
	b1=; b2=
	for r in $(seq 1 "$rounds"); do
		for j in 1 2; do
			rm -rf "$dest"
			# shellcheck disable=SC2086
			# wall time from the clock in nanoseconds (time's %e has 10 ms
			# steps: 3% of a -j 2 run); CPU and faults from time
			t0=$(date +%s%N)
			${BENCH_RT:-} /usr/bin/time -f '%e %U %S %R' -o "$tmp/t" "$galley" batch -j $j -q -t $formats \
				-o "$dest" "$tmp/pages.zip" >/dev/null 2>&1 || true
			t1=$(date +%s%N)
			t=$(awk -v w="$(((t1 - t0) / 1000))" '{ printf "%.4f %.3f %d", w / 1e6, $2 + $3, $4 }' "$tmp/t")
			eval "o=\$b$j"
			if [ -z "$o" ] || [ "$(echo "$t $o" | awk '{ print ($1 < $4) }')" = 1 ]; then eval "b$j=\$t"; fi
		done
	done
	echo "$b1 $b2"
}
# split: the -j 2 run's CPU time by thread (read from /proc/PID/task as it
# runs): how evenly the work is split bounds the speed-up on two idle cores
# whatever the load now, since the wall time cannot be less than the
# busiest thread's CPU, nor than half the total.
split() {
	rm -rf "$dest"
	python3 - "$galley" batch -j 2 -q -t $formats -o "$dest" "$tmp/pages.zip" <<'PY'
import os, subprocess, sys, time
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
last, tck = {}, os.sysconf('SC_CLK_TCK')
while p.poll() is None:
    try:
        for t in os.listdir('/proc/%d/task' % p.pid):
            try:
                f = open('/proc/%d/task/%s/stat' % (p.pid, t)).read().rsplit(')', 1)[1].split()
                last[t] = (int(f[11]) + int(f[12])) / tck
            except OSError:
                pass
    except OSError:
        pass
    time.sleep(0.005)
v = sorted(last.values(), reverse=True); tot = sum(v)
print('%s (total %.2f s): at most %.2fx on two idle cores' % (' '.join('%.2f' % x for x in v), tot, tot / max(v[0], tot / 2)))
PY
}
if [ "${BENCH_ONLY:-}" = jobs ]; then
	jw=$(jrounds)
	echo "$n pages as one zip → $formats; $(nproc) processors, load $(cut -d' ' -f1-3 /proc/loadavg); best of $rounds (BENCH_ONLY=jobs)"
	echo "$jw" | awk '{ printf "galley batch -j 1 / -j 2 wall:        %8.4f s / %.4f s (CPU %.3f / %.3f s, minor faults %d / %d)\n", $1, $4, $2, $5, $3, $6
		printf "-j 1 / -j 2 (wall):   %6.2fx (target >= 1.7; the load above counts)\n", $1 / $4 }'
	echo "-j 2 CPU by thread, s: $(split)"
	exit 0
fi
floor=$(best sh -c "xmllint --html --noout $tmp/pages/*.html 2>/dev/null")
j1=$(best "$galley" batch -j 1 -q -t $formats -o "$dest" "$tmp/pages.zip")
jw=$(jrounds)
j1w=$(echo "$jw" | cut -d' ' -f1-3)
j2w=$(echo "$jw" | cut -d' ' -f4-6)
# pandoc: each page to each format, one file at a time (one round).
cat >"$tmp/pandoc.sh" <<'SH'
out=$1; shift
mkdir -p "$out"
for f; do
	b=$(basename "$f" .html)
	for t in docx epub markdown tei; do
		case $t in markdown) e=md ;; tei) e=tei.xml ;; *) e=$t ;; esac
		pandoc -f html -t $t --metadata title="$b" -o "$out/$b.$e" "$f" 2>/dev/null || true
	done
done
SH
keep=$rounds; rounds=1
pandoc=$(best sh "$tmp/pandoc.sh" "$dest" "$tmp"/pages/*.html)
rounds=$keep
split=$(split)

echo "$n pages as one zip → $formats; $(nproc) processors, load $(cut -d' ' -f1-3 /proc/loadavg); CPU = user+sys, best of $rounds"
echo "$floor" | awk '{ printf "xmllint --html --noout (one process): %8.3f s CPU\n", $2 }'
echo "$j1" | awk '{ printf "galley batch -j 1:                    %8.3f s CPU\n", $2 }'
echo "$pandoc" | awk '{ printf "pandoc, one file and format at a time: %7.3f s CPU\n", $2 }'
echo "$j1w $j2w" | awk '{ printf "galley batch -j 1 / -j 2 wall:        %8.4f s / %.4f s (CPU %.3f / %.3f s, minor faults %d / %d)\n", $1, $4, $2, $5, $3, $6 }'
echo "$floor $j1 $pandoc $j1w $j2w" | awk '{
	printf "-j 1 / floor (CPU):   %6.2fx (target <= 4)\n", $4 / $2
	printf "pandoc / -j 1 (CPU):  %6.1fx (target >= 30)\n", $6 / $4
	printf "-j 1 / -j 2 (wall):   %6.2fx (target >= 1.7; the load above counts)\n", $7 / $10 }'
echo "-j 2 CPU by thread, s: $split"

# Peak RSS: 200 documents against 20,000 (the pages again and again,
# hard-linked into folders r1, r2, ...), -j 2, every format.
mkdir "$tmp/m200" "$tmp/m20k"
links() { # links DIR COUNT
	k=0; r=0
	while [ "$k" -lt "$2" ]; do
		r=$((r + 1)); mkdir "$1/r$r"
		for f in "$tmp"/pages/*.html; do
			[ "$k" -lt "$2" ] || break
			ln "$f" "$1/r$r/"; k=$((k + 1))
		done
	done
}
links "$tmp/m200" 200; links "$tmp/m20k" 20000
rss() {
	rm -rf "$dest"
	/usr/bin/time -f '%M %U %S' -o "$tmp/t" "$galley" batch -j 2 -q -t $formats -o "$dest" "$1" >/dev/null 2>&1 || true
	awk '{ printf "%d %.1f", $1, $2 + $3 }' "$tmp/t"
}
one=$(rss "$tmp/m200"); many=$(rss "$tmp/m20k")
echo "$one $many" | awk '{ printf "peak RSS -j 2: 200 documents %d KiB (%.1f s CPU), 20000 documents %d KiB (%.1f s CPU): %+.1f%% (target <= +10%%)\n", $1, $2, $3, $4, ($3 / $1 - 1) * 100 }'
