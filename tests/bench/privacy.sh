#!/usr/bin/env bash
# privacy.sh - the privacy detectors measured: recall, precision and look-alikes flagged per
# detector on the labelled sets (plugins/privacy/tests/labelled.tsv, and holdout.tsv, written
# apart from the code as a check on over-fitting), and the cost of one check on a 50 KB page.
# The figures replace the "Privacy detectors" section of BENCHMARKS.md.
#
# Usage: tests/bench/privacy.sh        (environment: WP_BENCH_BUILD, WP_BENCH_OUT as run.sh)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${WP_BENCH_BUILD:-$root/build-bench}
out=${WP_BENCH_OUT:-$root/BENCHMARKS.md}
# shellcheck source=lib.sh
source "$root/tests/bench/lib.sh"
sets=$root/plugins/privacy/tests

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target privacy_quality -j"$(nproc)" >/dev/null
bin=$build/plugins/privacy/privacy_quality

section=$(mktemp)
trap 'rm -f "$section" "$section.new"' EXIT
{
	echo "<!-- privacy:begin -->"
	echo "## Privacy detectors ($(date -u '+%Y-%m-%d %H:%M UTC'))"
	echo
	echo "\`tests/bench/privacy.sh\` on $(nproc) cores, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')."
	echo "A spot counts when it overlaps the labelled span with the right kind; every other spot is"
	echo "a false positive of the kind it claims. Goals (issue 7): recall 100% on BSN and IBAN, at"
	echo "least 95% on the rest, at most 2% of the look-alikes flagged."
	for set in labelled.tsv holdout.tsv; do
		echo
		echo "### $set"
		echo
		"$bin" "$sets" "$set" 2>/dev/null || true
	done
	echo
	echo "### Cost on every save"
	"$bin" "$sets" labelled.tsv --bench 2>/dev/null | sed -n '/^check of a 50 KB page/p' || true
	echo "<!-- privacy:end -->"
} >"$section"

wp_put_section privacy "$section" "$out"
trap - EXIT
rm -f "$section"
echo "privacy: figures written to $out" >&2
