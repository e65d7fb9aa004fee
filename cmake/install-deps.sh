#!/bin/sh
# Install the Debian 12 packages galley needs: `install-deps.sh` for building
# and running (and man-db, so `man galley` works), `install-deps.sh --tests`
# adds what the test suite calls: cmocka, cmark/cmark-gfm, jq, PyYAML, python-docx, LibreOffice,
# GNU parallel, pandoc (what tests/bench/batch compares with), valgrind (the memcheck label),
# clang (libFuzzer, for .ci/run's fuzzing) and
# the validators (jing, xmllint, epubcheck with a Java runtime). The Java
# validators are installed even when ../shared is absent and every test that
# uses them will report SKIPPED: the same command then works once it is there.
# Works as root and for a user with sudo.
set -eu
build="build-essential cmake pkg-config libxml2-dev libzip-dev libdeflate-dev zlib1g-dev libisal-dev libxxhash-dev libltdl-dev libjansson-dev \
libuchardet-dev libexttextcat-dev libexttextcat-data libarchive-dev libicu-dev libjemalloc-dev man-db"
tests="libcmocka-dev cmark cmark-gfm python3-yaml jq jing libxml2-utils unzip epubcheck default-jre-headless \
python3 python3-docx libreoffice-writer-nogui time util-linux binutils parallel pandoc valgrind clang"
pkgs=$build
[ "${1:-}" = "--tests" ] && pkgs="$build $tests"
if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
# shellcheck disable=SC2086
$sudo apt-get install -y --no-install-recommends $pkgs
