#!/bin/sh
# run.sh BUILD [N] [OPTIONS] — the real-world sweep of issue 16: thousands of real and
# derived plain-text and HTML pages, each converted to json, markdown, tei, docx and epub
# with `galley batch` under a per-file watchdog, every output checked (see README.md here).
# A benchmark to run by hand, never a ctest test. `run.sh --help` lists the options.
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/sweep.py" "$@"
