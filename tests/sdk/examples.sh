#!/bin/bash
# examples.sh BUILD SRC CC — the SDK as a plugin author meets it: install
# galley into a temporary prefix, build examples/plugin-plain (a writer) and
# examples/plugin-eml (a reader) out of tree from there with their own
# CMakeLists.txt (find_package(galley) + galley_add_plugin), convert the
# seed release with them through GALLEY_PLUGIN_PATH, and check that the ABI
# check refuses the example built against headers with a bumped ABI major.
set -u
build=$1 src=$2 cc=$3
fail() { echo "FAIL [sdk.examples]: $*" >&2; exit 1; }
prefix=$(mktemp -d "${TMPDIR:-/tmp}/galley-sdk.XXXXXX") || exit 1
trap 'rm -rf "$prefix"' EXIT
work=$prefix/work
mkdir -p "$work"
release=$src/examples/releases/mofa-2024-01-18-consultation.html
[ -f "$release" ] || fail "no seed release at $release"

cmake --install "$build" --prefix "$prefix/inst" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install failed"; }
galley=$prefix/inst/bin/galley
for h in galley/galley.h galley/plugin.h galley/sys/descriptor.h galley/sys/reader.h galley/sys/writer.h galley/sys/filter.h; do
	[ -f "$prefix/inst/include/$h" ] || fail "$h not installed"
done
[ "$(PKG_CONFIG_PATH="$prefix/inst/lib/pkgconfig" pkg-config --variable=plugindir galley)" = "$prefix/inst/lib/galley/plugins" ] ||
	fail "pkg-config plugindir is not the installed plugin folder"

# Out of tree, against the install only: a copy of each example, so nothing
# of the source tree is on any path.
for e in plain eml; do
	cp -r "$src/examples/plugin-$e" "$work/$e-src"
	cmake -S "$work/$e-src" -B "$work/$e" -DCMAKE_PREFIX_PATH="$prefix/inst" -DCMAKE_C_COMPILER="$cc" \
		-DCMAKE_C_FLAGS="-Wall -Wextra -Werror" >"$work/$e.log" 2>&1 || { cat "$work/$e.log"; fail "configuring plugin-$e failed"; }
	cmake --build "$work/$e" >>"$work/$e.log" 2>&1 || { cat "$work/$e.log"; fail "building plugin-$e failed"; }
	[ -f "$work/$e/$e.so" ] || fail "plugin-$e did not make $e.so"
	grep -q -- "-I$src" "$work/$e/CMakeFiles/$e.dir/flags.make" && fail "plugin-$e was built with the source tree's headers"
done

# The plain writer on the seed release, found through GALLEY_PLUGIN_PATH.
export GALLEY_PLUGIN_PATH=$work/plain:$work/eml
"$galley" --list-output-formats | grep -qx plain || fail "plain is not listed"
"$galley" "$release" -t plain --wrap 50 -o "$work/out.txt" 2>"$work/err" || fail "plain failed: $(cat "$work/err")"
[ -s "$work/out.txt" ] || fail "plain wrote nothing"
# Lengths in characters, not bytes (the release has curly quotes).
longest() { python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$1"; }
filled() { python3 -c 'import sys; print(sum(1 for l in open(sys.argv[1], encoding="utf-8") if len(l) > 41))' "$1"; }
[ "$(longest "$work/out.txt")" -le 50 ] || fail "a line is longer than --wrap 50"
[ "$(filled "$work/out.txt")" -gt 5 ] || fail "lines are not filled up to the wrap"
grep -qE '[<>*#_`]|\]\(' "$work/out.txt" && fail "markup in the plain text: $(grep -E '[<>*#_`]' "$work/out.txt" | head -3)"
head -1 "$work/out.txt" | grep -q '^Special Representative' || fail "the title does not come first"
# Every word of the release's Markdown text is in the plain text, in order.
"$galley" "$release" -t markdown --no-front-matter | tr -d '*_#>`[]' | tr -s ' \n' '\n\n' | grep -E '^[[:alpha:]]{4,}$' >"$work/md.words"
"$galley" "$release" -t plain --wrap 50 -O front-matter=false | tr -s ' \n' '\n\n' | grep -E '^[[:alpha:]]{4,}$' >"$work/plain.words"
[ "$(wc -l <"$work/md.words")" -gt 100 ] || fail "too few words in the Markdown to compare"
cmp -s "$work/md.words" "$work/plain.words" || { diff "$work/md.words" "$work/plain.words" | head; fail "plain lost or moved words"; }
"$galley" "$release" -t plain --wrap none -O front-matter=false >"$work/nowrap.txt" || fail "--wrap none failed"
head -1 "$work/nowrap.txt" | grep -q '^Special' && fail "-O front-matter=false still wrote the title"
[ "$(longest "$work/nowrap.txt")" -gt 200 ] || fail "--wrap none wrapped"
"$galley" "$release" -t plain -O wrapp=3 >/dev/null 2>"$work/err"; [ $? = 2 ] || fail "an undeclared option was accepted"
grep -q "unknown option 'wrapp' (did you mean 'wrap'?" "$work/err" || fail "no suggestion: $(cat "$work/err")"
"$galley" --plugin-info plain >"$work/info" || fail "--plugin-info plain failed"
grep -qx 'writer plain' "$work/info" && grep -q '^    option wrap=none|0..1000' "$work/info" || fail "--plugin-info: $(cat "$work/info")"

# The eml reader: by extension, by content, its metadata and paragraphs.
"$galley" "$work/eml-src/release.eml" -t json -o "$work/eml.json" 2>"$work/err" || fail "eml failed: $(cat "$work/err")"
command -v jq >/dev/null && {
	jq -e '.meta.title == "Special Representative Holds a Consultation with U.S. Senior Official" and .meta.date == "2024-01-18"
		and .meta.issuer == "Ministry of Foreign Affairs Press Office" and (.blocks | length) == 2
		and (.blocks[1].inlines[0].text | contains("over café in Seoul"))
		and (.blocks[0].inlines[0].text | contains("a consultation with"))' "$work/eml.json" >/dev/null ||
		fail "eml document: $(cat "$work/eml.json")"
}
"$galley" -t plain <"$work/eml-src/release.eml" >"$work/eml.txt" 2>"$work/err" || fail "eml by content failed: $(cat "$work/err")"
grep -q 'café' "$work/eml.txt" || fail "the Latin-1 body was not converted"
printf 'From: a\nSubject: b\n\nbody\n' | "$galley" -f eml -t plain -O front-matter=false | grep -qx body || fail "a minimal mail"
printf 'no headers at all\n' >"$work/bad.eml"
"$galley" "$work/bad.eml" -t plain >/dev/null 2>"$work/err"; [ $? = 1 ] || fail "a file that is not a mail was accepted"
grep -q "bad.eml: not a mail" "$work/err" || fail "message: $(cat "$work/err")"

# The ABI check: the same example built against headers of a galley with
# the next ABI major is refused before any of its code runs.
cp -r "$prefix/inst/include" "$work/future-include"
sed -i 's/^#define GALLEY_PLUGIN_ABI_MAJOR \([0-9]*\)/echo "#define GALLEY_PLUGIN_ABI_MAJOR $((\1 + 1))"/e' "$work/future-include/galley/sys/descriptor.h"
major=$(sed -n 's/^#define GALLEY_PLUGIN_ABI_MAJOR //p' "$prefix/inst/include/galley/sys/descriptor.h")
grep -qx "#define GALLEY_PLUGIN_ABI_MAJOR $((major + 1))" "$work/future-include/galley/sys/descriptor.h" || fail "could not bump the ABI"
mkdir -p "$work/future"
"$cc" -shared -fPIC -fvisibility=hidden -I"$work/future-include" -o "$work/future/plain.so" "$work/plain-src/plain.c" \
	-L"$prefix/inst/lib" -lgalley || fail "building the bumped example failed"
GALLEY_PLUGIN_PATH=$work/future "$galley" -v --list-plugins >"$work/list" 2>"$work/err"
grep -q "$work/future/plain.so: plugin ABI $((major + 1))\.[0-9]*, galley expects $major\." "$work/err" || fail "no ABI refusal: $(cat "$work/err")"
grep -qF -- "$(printf -- '-\trefused\t%s/future/plain.so\tplugin ABI' "$(realpath "$work")")" "$work/list" || fail "not listed as refused"
GALLEY_PLUGIN_PATH=$work/future "$galley" "$release" -t plain >/dev/null 2>&1 && fail "a refused plugin's writer was used"
echo "installed, built plugin-plain and plugin-eml out of tree, converted with them, ABI bump refused: ok"
