#!/bin/sh
# One command from a fresh Debian 12: install what the tests need, build
# with warnings as errors (tests always on, whatever build/ was configured
# with before, e.g. by examples/setup.sh), and run the whole suite.
#   sh tests/run.sh              plain build in build/
#   sh tests/run.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer in build-asan/
#   sh tests/run.sh --tsan       ThreadSanitizer in build-tsan/ (any race fails the test)
# Tests that cannot run here (no ../shared, no pseudo-terminal, ...) report
# SKIPPED; a summary of every skip and its reason is printed at the end.
# ctest fails when it finds no test at all.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
[ "${GALLEY_SKIP_DEPS:-}" = 1 ] || sh "$top/cmake/install-deps.sh" --tests
dir=$top/build; flags=
if [ "${1:-}" = "--sanitize" ]; then
  dir=$top/build-asan; flags="-DGALLEY_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
elif [ "${1:-}" = "--tsan" ]; then
  dir=$top/build-tsan; flags="-DGALLEY_TSAN=ON -DCMAKE_BUILD_TYPE=Debug"
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$top/tests/tsan.supp}
fi
# shellcheck disable=SC2086
cmake -S "$top" -B "$dir" -DGALLEY_TESTS=ON -DGALLEY_WERROR=ON $flags
cmake --build "$dir" -j "$(nproc)"
rc=0
ctest --test-dir "$dir" --output-on-failure --no-tests=error --output-junit "$dir/ctest-junit.xml" -j "$(nproc)" || rc=$?
sh "$top/tests/skipped.sh" "$dir/ctest-junit.xml"
exit $rc
