#!/usr/bin/env bash
# run.sh - the full load and crash test of issue 8 ("No edit is ever lost"): builds werkplaats and
# test_load in build-load/ (RelWithDebInfo), runs both tests of tests/load/load.c one after the
# other with their full defaults (16 clients, 50 pages, 60 s; the crash test kills the server 5
# times), and adds a dated run to the "Load and crash test" section of BENCHMARKS.md (newest
# first). ctest runs only a short version (8 s, 2 kills).
#
# Usage: tests/load/run.sh
# Environment: WP_LOAD_SECONDS, WP_LOAD_CLIENTS, WP_LOAD_PAGES, WP_LOAD_KILLS, WP_LOAD_SEED,
#   WP_LOAD_THREADS as for test_load (load.c); WP_LOAD_BUILD (default <repo>/build-load);
#   WP_BENCH_OUT, the report to update (default <repo>/BENCHMARKS.md).
# Exit 1 when a test fails; its run is recorded all the same, marked as failed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${WP_LOAD_BUILD:-$root/build-load}
out=${WP_BENCH_OUT:-$root/BENCHMARKS.md}
# shellcheck source=../bench/lib.sh
source "$root/tests/bench/lib.sh"
tests=(sixteen_clients_lose_no_save sigkill_five_times_loses_no_acknowledged_save)

log() { printf 'load: %s\n' "$*" >&2; }

tmp=$(mktemp -d /tmp/wp-load-run.XXXXXX)
trap 'rm -rf -- "$tmp"' EXIT

log "building in $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$tmp/cmake.log" 2>&1 ||
	{ cat "$tmp/cmake.log" >&2; exit 1; }
cmake --build "$build" -j"$(nproc)" --target werkplaats test_load >"$tmp/build.log" 2>&1 ||
	{ cat "$tmp/build.log" >&2; exit 1; }

# The value of KEY in a "load summary:" line.
field() { # KEY LINE
	tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2; exit }'
}

load0=$(cut -d' ' -f1 /proc/loadavg)
failed=0
declare -A result duration summary why
for t in "${tests[@]}"; do
	log "running load/$t"
	start=$(date +%s.%N)
	if "$build/test_load" --jobs 1 --filter "load/$t" >"$tmp/$t.log" 2>&1; then
		result[$t]=passed
	else
		result[$t]=FAILED
		failed=1
		cat "$tmp/$t.log" >&2
	fi
	duration[$t]=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
	summary[$t]=$(grep -m1 '^load summary:' "$tmp/$t.log" || true)
	# The first failed assertion's message, for the report.
	why[$t]=$(awk '/Assertion Failed/ { f = 1; next }
		f && /^\[----\] +[^ ]/ { sub(/^\[----\] +/, ""); print; exit }' "$tmp/$t.log" |
		cut -c1-400)
	log "  ${result[$t]} in ${duration[$t]} s: ${summary[$t]#load summary: }"
done
load1=$(cut -d' ' -f1 /proc/loadavg)

row() { # TEST
	local s=${summary[$1]}
	if [ -z "$s" ]; then
		printf '| `%s` | %s | %s s | no summary (see the test output) |||||||||\n' "$1" \
			"${result[$1]}" "${duration[$1]}"
		return
	fi
	printf '| `%s` | %s | %s s | %s | %s | %s | %s | %s / %s / %s | %s | %s / %s | %s / %s / %s ms | %s |\n' \
		"$1" "${result[$1]}" "${duration[$1]}" "$(field seconds "$s")" \
		"$(field saves "$s")" "$(field saves_per_s "$s")" "$(field merged "$s")" \
		"$(field changed_409 "$s")" "$(field conflict_409 "$s")" "$(field busy_409 "$s")" \
		"$(field server_5xx "$s")" "$(field transport_errors "$s")" \
		"$(field unanswered_puts "$s")" "$(field p50_ms "$s")" "$(field p99_ms "$s")" \
		"$(field max_ms "$s")" "$(field kills "$s")"
}

section="$tmp/section.md"
s0=${summary[${tests[0]}]}
{
	echo "### Run $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Command: \`tests/load/run.sh\`, measuring $(wp_commit_label)."
	echo "Machine: $(wp_machine); load average (1 min) $load0 before, $load1 after."
	echo "$(field clients "$s0") clients, $(field pages "$s0") pages, \`serve --threads" \
		"$(field threads "$s0")\`; seeds $(for t in "${tests[@]}"; do
			printf '%s ' "$(field seed "${summary[$t]}")"; done | sed 's/ $//')" \
		"(\`WP_LOAD_SEED\` repeats a run's choices of pages and kill moments)."
	echo
	echo "| test | result | wall time | load duration | saves acknowledged (2xx) | saves/s | merged | 409: page changed / overlap / busy | 5xx | no answer: transport errors / PUTs | save latency p50 / p99 / max | kills |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
	for t in "${tests[@]}"; do
		row "$t"
	done
	echo
	echo "After each run: every acknowledged save was found in the history with its text, no"
	echo "acknowledged save was missing at HEAD, \`git fsck --full --strict\` was clean and the index"
	echo "equalled a fresh \`werkplaats reindex\`$([ "$failed" = 0 ] || echo ', except where a test FAILED')."
	for t in "${tests[@]}"; do
		[ "${result[$t]}" = passed ] ||
			printf '\n`%s` FAILED: %s\n' "$t" "${why[$t]:-see the test output}"
	done
} >"$section"

intro() {
	cat <<'EOF'
<!-- load:begin -->
## Load and crash test (issue 8)

`tests/load/run.sh` builds `test_load` and runs its two tests for 60 s each: 16 clients (threads
with their own keep-alive connection) save edits through `PUT /api/pages/...` to 50 pages, each
client rewriting only its own paragraph of a page it has just read (`GET`), with that revision
as `base`; the second test also kills the server with SIGKILL at a random moment in each fifth of
the first 80% of the run and starts it again. "Saves/s" counts acknowledged saves over the whole
run; latency is that of the PUT alone, of acknowledged saves. The clients' edits never overlap,
so every 409 fails the test: "page changed" would be a save refused because another client saved
the page while it waited for the writers' lock (it must be merged), "busy" a save that gave up
on a locked branch ref. Saves are written one at a time (each is a commit fsync'ed to disk, whose
speed depends on the disk and on what else runs), so a save's latency is mostly its wait behind
the others'. The clients run on the same machine as the server and share its CPUs.

EOF
}

new="$tmp/new.md"
if grep -q '<!-- load:begin -->' "$out"; then
	# Keep the section's text and earlier runs; the new run goes first.
	awk -v file="$section" '
		/<!-- load:begin -->/ { inside = 1 }
		inside && /^### Run / && !done { while ((getline l < file) > 0) print l; print ""; done = 1 }
		inside && /<!-- load:end -->/ {
			if (!done) { while ((getline l < file) > 0) print l; print ""; done = 1 }
			inside = 0
		}
		{ print }' "$out" >"$new"
else
	{
		intro
		cat "$section"
		echo
		echo "<!-- load:end -->"
	} >"$tmp/block.md"
	# After the privacy section, else before the first section.
	if grep -q '<!-- privacy:end -->' "$out"; then
		awk -v file="$tmp/block.md" '
			{ print }
			/<!-- privacy:end -->/ { print ""; while ((getline l < file) > 0) print l }' \
			"$out" >"$new"
	else
		awk -v file="$tmp/block.md" '
			/^## / && !done { while ((getline l < file) > 0) print l; print ""; done = 1 }
			{ print }' "$out" >"$new"
	fi
fi
mv -- "$new" "$out"
log "wrote $out"
exit "$failed"
