#!/bin/sh
# chain.sh PAGE.html — galley in a pipeline: read a release page, adjust its
# tree as JSON with jq (add a keyword, drop notes), and write Markdown.
#   sh examples/chain.sh examples/releases/mofa-2024-01-18-consultation.html
set -eu
[ $# = 1 ] || { echo "usage: $0 PAGE.html" >&2; exit 2; }
. "$(dirname "$0")/find-galley.sh"
command -v jq >/dev/null || { echo "chain.sh: needs jq (apt-get install jq)" >&2; exit 2; }
"$galley" -t json "$1" |
  jq '.meta.keywords += ["DPRK"] | .blocks |= map(select(.type != "div" or .role != "note"))' |
  "$galley" -f json -t markdown
