#!/bin/sh
# Install the Debian 12 packages galley needs: `install-deps.sh` for building
# and running, `install-deps.sh --tests` adds what the test suite calls
# (cmocka, cmark, the validators). Works as root and for a user with sudo.
set -eu
build="build-essential cmake pkg-config libxml2-dev libzip-dev libltdl-dev libjansson-dev \
libuchardet-dev libexttextcat-dev libarchive-dev"
tests="libcmocka-dev cmark cmark-gfm python3-yaml jq jing libxml2-utils unzip epubcheck default-jre-headless python3"
pkgs=$build
[ "${1:-}" = "--tests" ] && pkgs="$build $tests"
if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
# shellcheck disable=SC2086
$sudo apt-get install -y --no-install-recommends $pkgs
