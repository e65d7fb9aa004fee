#!/bin/bash
# cache.sh CASE — the registry cache: a conversion loads only the plugins it
# needs once the cache knows them, gives the same output as a full load, and
# the cache is rebuilt when a plugin changes, ignored when damaged, never an
# error when it cannot be written; listings still see every plugin.
# Environment: GALLEY, CLI_PLUGINS, BAD_DIR, SRC, TESTTMP.
set -u
case_name=$1
work=$TESTTMP/cache-$case_name
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "FAIL [cache.$case_name]: $*" >&2; echo "--- stderr:" >&2; cat err >&2 2>/dev/null; exit 1; }
export GALLEY_REGISTRY_CACHE=$work/registry.cache
release=$SRC/examples/releases/mofa-2024-01-18-consultation.html
loaded() { grep -o 'loaded plugin [a-z0-9-]*' err | sed 's/loaded plugin //' | sort | paste -sd, -; }

case $case_name in
only-needed)
	"$GALLEY" -v "$release" -t json >first.json 2>err || fail "first run failed"
	[ -s "$GALLEY_REGISTRY_CACHE" ] || fail "no cache written"
	all=$(loaded)
	[ "$all" = "$("$GALLEY" -v --list-plugins 2>&1 >/dev/null | grep -o 'loaded plugin [a-z0-9-]*' | sed 's/loaded plugin //' | sort | paste -sd, -)" ] ||
		fail "the first run (no cache yet) should load every plugin: $all"
	"$GALLEY" -v "$release" -t json >second.json 2>err || fail "second run failed"
	[ "$(loaded)" = html,json ] || fail "with the cache, html -> json loaded: $(loaded)"
	cmp -s first.json second.json || fail "the output differs with the cache"
	"$GALLEY" -v -f text -t markdown "$SRC/examples/releases/mofa-2024-01-18-consultation.txt" >/dev/null 2>err || fail "text run"
	[ "$(loaded)" = markdown,text ] || fail "text -> markdown loaded: $(loaded)"
	"$GALLEY" -v "$release" -o out.tei.xml 2>err || fail "-o run"
	[ "$(loaded)" = html,tei ] || fail "html -> out.tei.xml loaded: $(loaded)"
	"$GALLEY" -v -t markdown <"$release" >/dev/null 2>err || fail "stdin run"
	case ",$(loaded)," in *,html,*json,*text,*) ;; *) fail "standard input should load every reader: $(loaded)" ;; esac
	"$GALLEY" -v "$release" -t json --filter strip-links --filter ./nosuch.sh >/dev/null 2>err
	"$GALLEY" -v "$release" -t markdown --filter strip-links >/dev/null 2>err || fail "filter run"
	[ "$(loaded)" = filters,html,markdown ] || fail "a filter run loaded: $(loaded)"
	# Listings see every plugin, whatever the cache.
	"$GALLEY" --list-output-formats >formats 2>err || fail "listing"
	for f in markdown tei json; do grep -qx $f formats || fail "$f not listed"; done
	# An unknown format is still unknown, with the usual message.
	"$GALLEY" "$release" -t nosuch >/dev/null 2>err; [ $? = 2 ] || fail "unknown format accepted"
	grep -q "unknown output format 'nosuch'" err || fail "message" ;;
same-output)
	# Every writer, cache on and off: the same bytes.
	for t in json markdown tei docx epub; do
		GALLEY_REGISTRY_CACHE=none "$GALLEY" "$release" -t $t -o full.$t 2>err || fail "$t without cache"
		"$GALLEY" "$release" -t $t -o warm1.$t 2>err || fail "$t filling the cache"
		"$GALLEY" "$release" -t $t -o warm2.$t 2>err || fail "$t with the cache"
		case $t in docx | epub) for f in full warm1 warm2; do unzip -p $f.$t | md5sum; done | uniq | wc -l | grep -qx 1 || fail "$t differs" ;;
		*) cmp -s full.$t warm2.$t && cmp -s full.$t warm1.$t || fail "$t differs with the cache" ;; esac
	done ;;
changed-plugin)
	mkdir d; cp "$CLI_PLUGINS/clitest.so" d/
	printf 'one\ntwo\n' >in.lines
	"$GALLEY" -v -v --plugin-dir d in.lines -t lines >out1 2>err || fail "first"
	grep -q "registry cache .*: missing or stale" err || fail "first run should find no cache"
	"$GALLEY" -v -v --plugin-dir d in.lines -t lines >out2 2>err || fail "second"
	grep -q "registry cache .*: used" err || fail "second run should use the cache"
	[ "$(loaded)" = clitest ] || fail "loaded: $(loaded)"
	cmp -s out1 out2 || fail "outputs differ"
	# The same file name, another plugin: never trusted across the change.
	cp "$CLI_PLUGINS/clitest2.so" d/clitest.so
	"$GALLEY" -v -v --plugin-dir d --list-output-formats >formats 2>/dev/null
	"$GALLEY" -v -v --plugin-dir d in.lines -t second >out3 2>err || fail "after the change: $(cat err)"
	grep -q "registry cache .*: missing or stale" err || fail "a changed plugin should make the cache stale"
	# A plugin added to the folder: stale too.
	cp "$CLI_PLUGINS/clitest.so" d/another.so
	"$GALLEY" -v -v --plugin-dir d in.lines -t second >/dev/null 2>err
	grep -q "registry cache .*: missing or stale" err || fail "an added plugin should make the cache stale"
	"$GALLEY" -v -v --plugin-dir d in.lines -t second >/dev/null 2>err
	grep -q "registry cache .*: used" err || fail "the rebuilt cache should be used" ;;
refused-replayed)
	mkdir d; echo "not a shared object" >d/broken.so; cp "$CLI_PLUGINS/clitest.so" d/
	printf 'one\n' >in.lines
	for run in 1 2; do
		"$GALLEY" --plugin-dir d in.lines -t lines >out 2>err || fail "run $run failed"
		grep -q "$work/d/broken.so: not a loadable plugin" err || fail "run $run: the refused plugin is not warned about"
	done
	"$GALLEY" -q --plugin-dir d in.lines -t lines >out 2>err; [ ! -s err ] || fail "-q should hide the replayed warning"
	"$GALLEY" -v --plugin-dir d --list-plugins >list 2>/dev/null
	grep -q "^-	refused	$work/d/broken.so	" list || fail "--list-plugins -v" ;;
damaged)
	"$GALLEY" "$release" -t json >a.json 2>err || fail "fill"
	for junk in "" "garbage" "$(head -c 200 "$GALLEY_REGISTRY_CACHE")" "$(sed 's/^file\t/file\t\/x/' "$GALLEY_REGISTRY_CACHE")"; do
		printf '%s' "$junk" >"$GALLEY_REGISTRY_CACHE"
		"$GALLEY" -v -v "$release" -t json >b.json 2>err || fail "a damaged cache broke the run"
		grep -q "missing or stale" err || fail "a damaged cache was used"
		cmp -s a.json b.json || fail "output differs after a damaged cache"
		grep -q '^end$' "$GALLEY_REGISTRY_CACHE" || fail "the damaged cache was not rebuilt"
	done ;;
unwritable)
	GALLEY_REGISTRY_CACHE=/nonexistent/galley/cache "$GALLEY" "$release" -t json >a.json 2>err || fail "unwritable cache broke the run"
	[ ! -s err ] || fail "an unwritable cache is not worth a warning"
	mkdir ro && chmod 500 ro
	GALLEY_REGISTRY_CACHE=$work/ro/cache "$GALLEY" "$release" -t json >b.json 2>err || fail "read-only folder broke the run"
	chmod 700 ro
	cmp -s a.json b.json || fail "outputs differ"
	ls -A ro | grep -q . && [ "$(id -u)" != 0 ] && fail "something was written in a read-only folder"
	# XDG_CACHE_HOME is where the cache goes by default; no temporary file is left.
	unset GALLEY_REGISTRY_CACHE
	XDG_CACHE_HOME=$work/xdg "$GALLEY" "$release" -t json >/dev/null 2>err || fail "xdg run"
	ls "$work"/xdg/galley/registry-* >/dev/null 2>&1 || fail "no cache under XDG_CACHE_HOME"
	[ "$(ls -A "$work/xdg/galley" | wc -l)" = 1 ] || fail "temporary files left: $(ls -A "$work/xdg/galley")"
	[ "$(stat -c %a "$work/xdg/galley")" = 700 ] || fail "the cache folder is not private" ;;
*) echo "unknown case" >&2; exit 2 ;;
esac
echo ok
