#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs the
# whole test suite twice: a normal build, then under ASan + UBSan; then
# the fuzz targets briefly (tests/fuzz/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
jobs="$(nproc)"

run_suite() {
  local dir="$1"; shift
  echo "== build $dir ($*)"
  cmake -S . -B "$dir" -DWP_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
  echo "== test $dir"
  (cd "$dir" && ctest --output-on-failure -j"$jobs")
}

run_suite build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DWP_SANITIZE=ON
# The fuzz targets (clang, libFuzzer): their kept crashes, then a short run
# each; tests/fuzz/run.sh SECONDS runs them longer.
echo "== fuzz"
tests/fuzz/run.sh 10
