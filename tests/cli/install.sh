#!/bin/bash
# install.sh BUILD EXAMPLE SCRATCH CC — install the build to a scratch prefix,
# build examples/plugin against it (CMake package, then pkg-config alone), and
# check the installed galley loads its installed plugins and the example.
set -u
build=$1 example=$2 scratch=$3 cc=$4
fail() { echo "FAIL [install]: $*" >&2; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch" || exit 1
# Outside the build tree, as an installed galley would be.
prefix=$(mktemp -d "${TMPDIR:-/tmp}/galley-prefix.XXXXXX") || exit 1
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" >"$scratch/install.log" 2>&1 || { cat "$scratch/install.log"; fail "cmake --install failed"; }
for f in bin/galley lib/libgalley.so include/galley/galley.h include/galley/plugin.h lib/pkgconfig/galley.pc \
	lib/cmake/galley/galleyConfig.cmake lib/cmake/galley/galleyConfigVersion.cmake lib/cmake/galley/galleyTargets.cmake \
	share/man/man1/galley.1; do
	[ -e "$prefix/$f" ] || fail "$f not installed"
done
ls "$prefix"/lib/libgalley.so.* >/dev/null 2>&1 || fail "no versioned libgalley.so.N"
for p in "$build"/plugins/*.so; do
	[ -e "$p" ] || continue
	[ -e "$prefix/lib/galley/plugins/$(basename "$p")" ] || fail "plugin $(basename "$p") not installed"
done
[ -e "$prefix/lib/galley/plugins/clitest.so" ] && fail "a test-only plugin was installed"

# The installed galley runs and loads the installed plugins, not the build
# tree's, nor those of another install: a second prefix, installed after the
# first, must change nothing the first one loads (and the other way round).
prefix2=$(mktemp -d "${TMPDIR:-/tmp}/galley-prefix2.XXXXXX") || exit 1
trap 'rm -rf "$prefix" "$prefix2"' EXIT
cmake --install "$build" --prefix "$prefix2/opt/galley" >>"$scratch/install.log" 2>&1 || fail "second cmake --install failed"
for p in "$prefix" "$prefix2/opt/galley"; do
	"$p/bin/galley" --version >/dev/null || fail "installed galley in $p does not run"
	"$p/bin/galley" --list-plugins >"$scratch/plugins" 2>"$scratch/err" || fail "--list-plugins failed"
	[ -s "$scratch/plugins" ] || fail "the galley in $p loaded no plugin"
	for q in "$p"/lib/galley/plugins/*.so; do
		[ -e "$q" ] || continue
		cut -f3 "$scratch/plugins" | grep -qx "$(realpath "$q")" || fail "installed plugin $q not loaded: $(cat "$scratch/plugins")"
	done
	while IFS="$(printf '\t')" read -r _ _ path _; do
		case $path in "$(realpath "$p")"/lib/galley/plugins/*) ;; *) fail "the galley in $p loaded $path" ;; esac
	done <"$scratch/plugins"
	# galley batch, a module the installed command finds beside its library.
	printf 'one line\n' >"$scratch/b.txt"
	rm -rf "$scratch/batch-out"
	"$p/bin/galley" batch -q -t json -o "$scratch/batch-out" "$scratch/b.txt" >"$scratch/err" 2>&1 ||
		fail "galley batch of the install in $p failed: $(cat "$scratch/err")"
	[ -s "$scratch/batch-out/b.json" ] || fail "galley batch of the install in $p wrote nothing"
	# The library carries no plugin folder of the build (nor any other).
	strings "$p/lib/libgalley.so" | grep -F "$build/plugins" && fail "libgalley.so names the build tree's plugin folder"
	strings "$p/lib/libgalley.so" | grep -E '/lib/galley/plugins' && fail "libgalley.so has an install folder compiled in"
	# The pkg-config file names the prefix it was installed to, normalised.
	[ "$(PKG_CONFIG_PATH="$p/lib/pkgconfig" pkg-config --variable=plugindir galley)" = "$p/lib/galley/plugins" ] ||
		fail "pkg-config plugindir is $(PKG_CONFIG_PATH="$p/lib/pkgconfig" pkg-config --variable=plugindir galley), not $p/lib/galley/plugins"
done

# No RUNPATH/RPATH of a built or installed ELF holds an empty element (the
# current folder) or a relative one; $ORIGIN is fine.
if command -v readelf >/dev/null; then
	for f in $(find "$build" "$prefix" -type f \( -name '*.so*' -o -perm -u+x \) ! -path '*/CMakeFiles/*'); do
		head -c 4 "$f" 2>/dev/null | grep -q 'ELF' || continue
		rp=$(readelf -d "$f" 2>/dev/null | sed -n 's/.*(R[UN]*PATH).*\[\(.*\)\]/\1/p')
		[ -n "$rp" ] || continue
		case ":$rp:" in *::*) fail "$f has an empty RUNPATH element: [$rp]" ;; esac
		IFS=: ; for e in $rp; do case $e in /* | '$ORIGIN' | '$ORIGIN'/*) ;; *) unset IFS; fail "$f has a relative RUNPATH element '$e'" ;; esac; done; unset IFS
	done
fi

# The CMake package.
cmake -S "$example" -B "$scratch/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
	>"$scratch/cmake.log" 2>&1 || { cat "$scratch/cmake.log"; fail "configuring the example failed"; }
cmake --build "$scratch/cmake" >>"$scratch/cmake.log" 2>&1 || { cat "$scratch/cmake.log"; fail "building the example failed"; }
"$prefix/bin/galley" --plugin-dir "$scratch/cmake" --list-plugins >"$scratch/plugins" 2>"$scratch/err"
line=$(grep '^wordcount	' "$scratch/plugins") || fail "example not listed: $(cat "$scratch/plugins" "$scratch/err")"
[ "$line" = "wordcount	1.0.0	$(realpath "$scratch/cmake")/wordcount.so	writer:wordcount" ] || fail "unexpected line: $line"
"$prefix/bin/galley" --plugin-dir "$scratch/cmake" --list-output-formats | grep -qx wc || fail "alias wc not listed"

# pkg-config alone.
mkdir -p "$scratch/pc"
flags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs galley) || fail "pkg-config does not know galley"
"$cc" -shared -fPIC -fvisibility=hidden -o "$scratch/pc/wordcount.so" "$example/wordcount.c" $flags || fail "pkg-config build failed"
"$prefix/bin/galley" --plugin-dir "$scratch/pc" --list-plugins | grep -q "^wordcount	1.0.0	$(realpath "$scratch/pc")/wordcount.so	" ||
	fail "pkg-config-built example not loaded"

# A real conversion through the example, when the json reader is installed.
if [ -e "$prefix/lib/galley/plugins/json.so" ]; then
	printf '{"galley-ir":1,"meta":{"title":"T"},"blocks":[{"type":"heading","level":1,"inlines":[{"type":"text","text":"Head"}]},{"type":"paragraph","inlines":[{"type":"text","text":"one two "},{"type":"strong","inlines":[{"type":"text","text":"three"}]}]}]}' |
		"$prefix/bin/galley" --plugin-dir "$scratch/cmake" -f json -t wc >"$scratch/wc" 2>"$scratch/err" || fail "conversion failed: $(cat "$scratch/err")"
	[ "$(cat "$scratch/wc")" = "$(printf 'title\tT\nheadings\t1\nparagraphs\t1\nwords\t4')" ] || fail "wordcount output: $(cat "$scratch/wc")"
	# Its declared option, and one it does not declare.
	printf '{"galley-ir":1,"blocks":[]}' | "$prefix/bin/galley" --plugin-dir "$scratch/cmake" -f json -t wc -O title=no \
		>"$scratch/wc" 2>"$scratch/err" || fail "-O title=no refused: $(cat "$scratch/err")"
	[ "$(head -1 "$scratch/wc")" = "$(printf 'headings\t0')" ] || fail "-O title=no ignored: $(cat "$scratch/wc")"
	printf '{"galley-ir":1,"blocks":[]}' | "$prefix/bin/galley" --plugin-dir "$scratch/cmake" -f json -t wc -O titel=no \
		>/dev/null 2>"$scratch/err"; [ $? = 2 ] && grep -q "unknown option 'titel'" "$scratch/err" ||
		fail "-O titel=no should be refused: $(cat "$scratch/err")"
fi
echo "installed to $prefix and built examples/plugin against it: ok"
