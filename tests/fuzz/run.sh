#!/usr/bin/env bash
# run.sh - builds the libFuzzer targets (clang, ASan + UBSan) and runs each
# one: first over its kept crashes (tests/fuzz/regressions/<target>/, each a
# fixed bug that must stay fixed), then fuzzing from its seed corpus
# (tests/fuzz/corpus/<target>/) for SECONDS.
#
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET ...]   (default 30 s, all targets)
#   CI runs every target for a short while (scripts/test.sh); run it longer by
#   hand, e.g. tests/fuzz/run.sh 1800 for half an hour per target.
# A finding stops the run with exit 1; the input that triggered it is in
# build-fuzz/findings/ (copy it into regressions/<target>/ once fixed).
# New corpus entries go to build-fuzz/corpus/<target>/, not into the tree.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${WP_FUZZ_BUILD:-$root/build-fuzz}
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(detect frontmatter path query mustache render merge form json)
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: SECONDS must be a number" >&2; exit 2; }

command -v clang >/dev/null || { echo "fuzz: clang is needed (scripts/install-deps.sh --test)" >&2; exit 2; }
cmake -S "$root/tests/fuzz" -B "$build" -DCMAKE_C_COMPILER=clang >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
mkdir -p "$build/findings"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
	bin=$build/fuzz_$t
	[ -x "$bin" ] || { echo "fuzz: no target $t" >&2; exit 2; }
	kept=$root/tests/fuzz/regressions/$t
	if [ -d "$kept" ] && [ -n "$(ls -A "$kept")" ]; then
		echo "fuzz: $t: kept crashes"
		"$bin" "$kept"/* >/dev/null 2>&1 || { echo "fuzz: $t: a kept crash is back" >&2; "$bin" "$kept"/*; exit 1; }
	fi
	mkdir -p "$build/corpus/$t"
	echo "fuzz: $t for ${seconds} s"
	if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$build/findings/$t-" \
		"$build/corpus/$t" "$root/tests/fuzz/corpus/$t" >"$build/$t.log" 2>&1; then
		echo "fuzz: $t found something:" >&2
		tail -40 "$build/$t.log" >&2
		exit 1
	fi
	grep -E "stat::number_of_executed_units|cov:" "$build/$t.log" | tail -2 | sed "s/^/fuzz: $t: /"
done
echo "fuzz: no findings"
