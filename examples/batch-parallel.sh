#!/bin/sh
# batch-parallel.sh SRC DEST N [SSHLOGIN] — galley batch split into N shards
# run by GNU parallel, on this machine or, with SSHLOGIN (parallel's
# --sshlogin: "host1,host2" or "4/host1,:" ...), on others that see SRC and
# DEST at the same paths and have galley on PATH. The shards together write
# what one `galley batch` run would; each one's report is
# DEST.reports/K.jsonl. Formats: $FORMATS (default markdown,tei,json).
# Exit 1 when any document failed, as galley batch does.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 SRC DEST N [SSHLOGIN]" >&2; exit 2; }
. "$(dirname "$0")/find-galley.sh"
src=$1 dest=${2%/} n=$3
command -v parallel >/dev/null || { echo "$0: GNU parallel is not installed (apt-get install parallel)" >&2; exit 2; }
[ $# -ge 4 ] && galley=galley # on other machines: the one on their PATH
mkdir -p "$dest.reports"
seq 0 $((n - 1)) | parallel --will-cite --halt never ${4:+--sshlogin "$4"} \
	"$galley" batch -q --shard "{}/$n" -t "${FORMATS:-markdown,tei,json}" -o "$dest" \
	--report "$dest.reports/{}.jsonl" "$src"
