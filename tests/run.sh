#!/bin/sh
# One command from a fresh Debian 12: install what the tests need, build
# with warnings as errors, and run the whole suite.
#   sh tests/run.sh              plain build in build/
#   sh tests/run.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer in build-asan/
#   sh tests/run.sh --tsan       ThreadSanitizer in build-tsan/ (any race fails the test)
# Tests that need ../shared (validators, schemas, corpora) report SKIPPED when it is absent.
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
cmake -S "$top" -B "$dir" -DGALLEY_WERROR=ON $flags
cmake --build "$dir" -j "$(nproc)"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
