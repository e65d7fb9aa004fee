#!/bin/sh
# skipped.sh JUNIT.xml — list the tests a ctest run (ctest --output-junit)
# skipped, each with the reason it printed: its first line that says SKIP,
# else its last line.
[ -f "$1" ] || { echo "skipped.sh: no $1: cannot list skipped tests" >&2; exit 0; }
awk '
  function unxml(s) { gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'"'"'", s); gsub(/&amp;/, "\\&", s); return s }
  /<testcase / { match($0, /name="[^"]*"/); name = unxml(substr($0, RSTART + 6, RLENGTH - 7)); skip = 0; reason = ""; last = "" }
  /<skipped/ { skip = 1 }
  /<system-out>/ { out = 1; sub(/.*<system-out>/, "") }
  out {
    line = $0; end = sub(/<\/system-out>.*/, "", line)
    if (line ~ /[^ \t]/) { last = line; if (reason == "" && line ~ /SKIP/) reason = line }
    if (end) out = 0
  }
  /<\/testcase>/ && skip {
    r = reason != "" ? reason : last != "" ? last : "(it printed no reason)"
    sub(/^[ \t]+/, "", r)
    skipped[++n] = name ": " unxml(r)
  }
  END {
    if (n == 0) { print "No test was skipped."; exit }
    print n " test(s) skipped:"
    for (i = 1; i <= n; i++) print "  " skipped[i]
  }' "$1"
