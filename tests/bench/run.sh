#!/usr/bin/env bash
# run.sh - the Werkplaats benchmarks: generated corpora of N pages (tests/bench/gen.c), imported
# in one commit, served on loopback and measured with wrk (page views, search) and curl (saves); the
# figures go into BENCHMARKS.md at the repository root, a dated section per run, newest first.
#
# Usage: tests/bench/run.sh [N ...]        (default: 1000 10000)
#
# Environment (all optional):
#   WP_BENCH_BUILD     build directory (default: <repo>/build-bench; Release, no tests)
#   WP_BENCH_BIN       a werkplaats binary to measure instead of building one
#   WP_BENCH_LABEL     with WP_BENCH_BIN: what that binary is, for the report
#   WP_BENCH_OUT       the report to update (default: <repo>/BENCHMARKS.md)
#   WP_BENCH_DURATION  seconds per wrk run (default 10)
#   WP_BENCH_SAVES     saves to time (default 50)
#   WP_BENCH_SEED      corpus seed (default 1)
#   WP_BENCH_SEARCH    search URL path, the word appended (default: /zoeken?q=)
#   WP_BENCH_KEEP      set: keep the temporary folder (server logs, wrk output) for a look
#
# All traffic goes to 127.0.0.1 only; every wait and loop is bounded; the temporary folder
# (corpus, data folder, wrk output) is removed on exit, also on failure or Ctrl-C, unless
# WP_BENCH_KEEP is set.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=lib.sh
source "$root/tests/bench/lib.sh"
build=${WP_BENCH_BUILD:-$root/build-bench}
out=${WP_BENCH_OUT:-$root/BENCHMARKS.md}
duration=${WP_BENCH_DURATION:-10}
saves=${WP_BENCH_SAVES:-50}
seed=${WP_BENCH_SEED:-1}
search_path=${WP_BENCH_SEARCH:-/zoeken?q=}
conns=8
wrk_threads=2
rotate_pages=100
common_word=gemeente
rare_word=kwijtschelding
not_built="niet gemeten — zoeken nog niet gebouwd"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

tmp=""
server_pid=""
auth_header=""
declare -A R # results, keyed "N:name"

log() { printf 'bench: %s\n' "$*" >&2; }
die() {
	log "$*"
	exit 1
}

cleanup() {
	stop_server
	if [ -n "${WP_BENCH_KEEP:-}" ] && [ -n "$tmp" ]; then
		log "kept $tmp"
	elif [ -n "$tmp" ] && [ -d "$tmp" ]; then
		rm -rf -- "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ns() { date +%s%N; }
ms_since() { echo "$(( ($(now_ns) - $1) / 1000000 ))"; }

# ---- set-up --------------------------------------------------------------------------------

check_args() {
	local n
	for n in "${sizes[@]}"; do
		[[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 10 ] && [ "$n" -le 1000000 ] ||
			die "N must be a number of pages from 10 to 1000000, not '$n'"
	done
	[[ $duration =~ ^[0-9]+$ ]] && [ "$duration" -ge 1 ] && [ "$duration" -le 600 ] ||
		die "WP_BENCH_DURATION must be 1..600 seconds"
	[[ $saves =~ ^[0-9]+$ ]] && [ "$saves" -ge 1 ] && [ "$saves" -le 1000 ] ||
		die "WP_BENCH_SAVES must be 1..1000"
}

# wrk comes from Debian; the package lists are refreshed only when the plain install fails.
ensure_tools() {
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	if ! command -v wrk >/dev/null; then
		log "installing wrk"
		$sudo apt-get install -y wrk >/dev/null ||
			{ $sudo apt-get update >/dev/null && $sudo apt-get install -y wrk >/dev/null; } ||
			die "could not install wrk"
	fi
	command -v curl >/dev/null || die "curl is needed"
	command -v cmake >/dev/null || die "cmake is needed"
}

build_tools() {
	local targets=(wp_bench_gen)
	[ -n "${WP_BENCH_BIN:-}" ] || targets+=(werkplaats)
	log "building ${targets[*]} in $build"
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DWP_TESTS=OFF -DWP_BENCH=ON \
		>/dev/null
	cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null
	gen="$build/wp_bench_gen"
	bin=${WP_BENCH_BIN:-$build/werkplaats}
	[ -x "$gen" ] && [ -x "$bin" ] || die "missing $gen or $bin"
}

# ---- the server ----------------------------------------------------------------------------

start_server() { # DATA LOGDIR
	local data=$1 dir=$2 i line=""
	"$bin" serve --data "$data" --listen 127.0.0.1 --port 0 >"$dir/serve.out" 2>"$dir/serve.err" &
	server_pid=$!
	for ((i = 0; i < 200; i++)); do
		line=$(grep -m1 'Werkplaats draait op' "$dir/serve.out" || true)
		[ -z "$line" ] || break
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.05
	done
	[ -n "$line" ] || die "server did not start: $(cat "$dir/serve.err")"
	url=${line##* }
	url=${url%/}
	[[ $url == http://127.0.0.1:* ]] || die "server not on loopback: $url"
}

stop_server() {
	local i
	[ -n "$server_pid" ] || return 0
	kill -TERM "$server_pid" 2>/dev/null || true
	for ((i = 0; i < 100; i++)); do
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.05
	done
	kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null || true
	server_pid=""
}

# Dies, saying how and with the end of the server's stderr, when the server is gone. Not in a
# subshell: only this shell can collect its exit status.
server_alive() {
	local rc=0
	kill -0 "$server_pid" 2>/dev/null && return 0
	wait "$server_pid" || rc=$?
	server_pid=""
	die "the server stopped (exit status $rc$([ "$rc" -le 128 ] || echo ", signal $((rc - 128))"));" \
		"its stderr ends with: $(tail -n 5 "$dir/serve.err")"
}

# Peak resident memory of the server so far, in MB.
server_hwm_mb() {
	awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status"
}

# CPU seconds (user + system) the server has used so far.
server_cpu_s() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' \
		"/proc/$server_pid/stat"
}

# ---- wrk -----------------------------------------------------------------------------------

# A wrk latency ("258.00us", "1.23ms", "2.01s") in milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) ; else if (v ~ /m$/) n *= 60000;
		else if (v ~ /s$/) n *= 1000
		printf "%.2f", n }'
}

# run_wrk KEY CONNS THREADS PATH [wrk options...]: sets R[KEY.rps], .p50, .p99, .bad, .cpu.
run_wrk() {
	local key=$1 c=$2 t=$3 path=$4 f cpu0 cpu1 reqs
	shift 4
	f="$dir/wrk-${key#*:}.txt"
	server_alive
	cpu0=$(server_cpu_s)
	wrk -H "$auth_header" -t"$t" -c"$c" -d"${duration}s" --timeout 30s --latency "$@" "$url$path" >"$f" 2>&1 ||
		die "wrk failed: $(cat "$f")"
	server_alive
	cpu1=$(server_cpu_s)
	reqs=$(awk '/requests in/ { print $1 }' "$f")
	R[$key.rps]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$f")
	R[$key.p50]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$f")")
	R[$key.p99]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$f")")
	R[$key.bad]=$(awk '/Non-2xx or 3xx/ { n = $NF } /Socket errors/ { gsub(/,/, ""); \
		e = $4 + $6 + $8 + $10 } END { print n + e }' "$f")
	R[$key.cpu]=$(awk -v a="$cpu0" -v b="$cpu1" -v r="${reqs:-0}" \
		'BEGIN { if (r > 0) printf "%.3f", (b - a) * 1000 / r; else print "?" }')
	log "  ${key#*:}: ${R[$key.rps]} req/s, p50 ${R[$key.p50]} ms, p99 ${R[$key.p99]} ms," \
		"${R[$key.bad]} errors, ${R[$key.cpu]} ms server CPU per request"
}

# ---- the measurements (one function each) -----------------------------------------------------

# Baseline: a route that touches neither Markdown nor templates, only HEAD.
bench_health() { run_wrk "$n:health" "$conns" "$wrk_threads" /health; }

# One page, over and over: the render cache is warm after the first request.
bench_page_one() {
	curl -H "$auth_header" -fsS --max-time 10 -o /dev/null "$url/$view_page" || die "GET /$view_page failed"
	run_wrk "$n:page" "$conns" "$wrk_threads" "/$view_page"
}

# 100 different pages in turn, each wrk thread starting elsewhere in the list.
bench_page_rotate() {
	local lua="$dir/rotate.lua"
	{
		echo "local paths = {"
		sed 's|.*|  "/&",|' "$dir/rotate.txt"
		echo "}"
		echo 'local threads = 0'
		echo 'function setup(thread) thread:set("start", threads * 37); threads = threads + 1 end'
		echo 'function init(args) i = start or 0 end'
		echo 'function request() i = (i % #paths) + 1; return wrk.format("GET", paths[i]) end'
	} >"$lua"
	run_wrk "$n:rotate" "$conns" "$wrk_threads" / -s "$lua"
}

# Search for WORD by one client; "not yet implemented" until the search route answers 200.
bench_search() { # KEY WORD
	local key=$1 word=$2 code
	code=$(curl -H "$auth_header" -s --max-time 10 -o /dev/null -w '%{http_code}' "$url$search_path$word" || true)
	if [ "$code" != 200 ]; then
		log "  TODO search '$word': not yet implemented (GET $search_path$word answers $code)"
		R[$key.todo]=1
		return 0
	fi
	run_wrk "$key" 1 1 "$search_path$word"
}
bench_search_common() { bench_search "$n:search_common" "$common_word"; }
bench_search_rare() { bench_search "$n:search_rare" "$rare_word"; }

# JSON string body of a file (GNU sed; the corpus holds no control characters but tabs).
json_string() {
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' "$1" | sed ':a;N;$!ba;s/\n/\\n/g'
}

# nearest-rank percentile Q (0..100) of the numbers in FILE
percentile() {
	sort -n "$2" | awk -v q="$1" '{ v[NR] = $1 } END {
		k = int((q * NR + 99) / 100); if (k < 1) k = 1; printf "%.2f", v[k] }'
}

# One save of $save_page through the API with the base from a GET just before; the new text
# carries save I's marker word. Prints the PUT's time in seconds.
save_once() { # I
	local i=$1 rev code t payload="$dir/put.json"
	rev=$(curl -H "$auth_header" -fsS --max-time 10 "$url/api/pages/$save_page" |
		grep -o '"revision": *"[0-9a-f]*"' | grep -o '[0-9a-f]\{40\}' | head -1) ||
		die "GET /api/pages/$save_page failed"
	printf '{"content": "%s\\nBewerking %d door de benchmark: %s.\\n", "base": "%s", %s}' \
		"$save_text" "$i" "$(marker "$i")" "$rev" '"message": "benchmark"' >"$payload"
	read -r code t < <(curl -H "$auth_header" -sS --max-time 10 -o "$dir/put.out" -w '%{http_code} %{time_total}\n' \
		-X PUT -H 'Content-Type: application/json' --data-binary "@$payload" \
		"$url/api/pages/$save_page")
	[ "$code" = 200 ] || die "save $i answered $code: $(cat "$dir/put.out")"
	echo "$t"
}

# A word only save I puts in the corpus (letters only, so every tokenizer keeps it whole).
marker() { printf 'wpbench%s' "$(tr 0-9 a-j <<<"$1")"; }

# The page view after save I; it must show the save. Prints its time in seconds.
view_after_save() { # I
	local i=$1 code t
	read -r code t < <(curl -H "$auth_header" -sS --max-time 10 -o "$dir/view.html" \
		-w '%{http_code} %{time_total}\n' "$url/$save_page")
	[ "$code" = 200 ] && grep -qF "Bewerking $i door de benchmark" "$dir/view.html" ||
		die "save $i is not visible in the page view ($code)"
	echo "$t"
}

# A search for save I's marker word; it must find the page. Prints its time in seconds.
search_after_save() { # I
	local i=$1 code t
	read -r code t < <(curl -H "$auth_header" -sS --max-time 10 -o "$dir/search.html" \
		-w '%{http_code} %{time_total}\n' "$url$search_path$(marker "$i")")
	[ "$code" = 200 ] && grep -qF "/$save_page" "$dir/search.html" ||
		die "save $i is not found by search ($code)"
	echo "$t"
}

# SAVES saves, each followed by the page view that must show it and, once search answers, by
# a search that must find it. Timed: the PUT alone, PUT + view, PUT + search.
bench_save() {
	local i t tv ts search=""
	local put_times="$dir/put.txt" vis_times="$dir/visible.txt" found_times="$dir/found.txt"
	[ -n "${R[$n:search_common.todo]:-}" ] || search=1
	save_text=$(json_string "$src/$save_page.md")
	: >"$put_times"
	: >"$vis_times"
	: >"$found_times"
	for ((i = 1; i <= saves; i++)); do
		t=$(save_once "$i")
		tv=$(view_after_save "$i")
		awk -v t="$t" 'BEGIN { printf "%.3f\n", t * 1000 }' >>"$put_times"
		awk -v t="$t" -v v="$tv" 'BEGIN { printf "%.3f\n", (t + v) * 1000 }' >>"$vis_times"
		if [ -n "$search" ]; then
			ts=$(search_after_save "$i")
			awk -v t="$t" -v s="$ts" 'BEGIN { printf "%.3f\n", (t + s) * 1000 }' \
				>>"$found_times"
		fi
	done
	R[$n:save.p50]=$(percentile 50 "$put_times")
	R[$n:save.p99]=$(percentile 99 "$put_times")
	R[$n:visible.p50]=$(percentile 50 "$vis_times")
	R[$n:visible.p99]=$(percentile 99 "$vis_times")
	log "  save: p50 ${R[$n:save.p50]} ms, p99 ${R[$n:save.p99]} ms; save + view showing it:" \
		"p50 ${R[$n:visible.p50]} ms"
	if [ -n "$search" ]; then
		R[$n:found.p50]=$(percentile 50 "$found_times")
		R[$n:found.p99]=$(percentile 99 "$found_times")
		log "  save + search finding it: p50 ${R[$n:found.p50]} ms, p99 ${R[$n:found.p99]} ms"
	else
		log "  TODO save -> visible in search: not yet implemented (no search route)"
	fi
}

# The same page rendered for every request: a query string keeps it out of the response cache
# (the rendered Markdown is still cached), so this is the cost of a page view that is not kept.
bench_page_render() { run_wrk "$n:render" "$conns" "$wrk_threads" "/$view_page?nocache=1"; }

# The same single page again, now that SAVES commits lie between HEAD and its revision.
bench_page_after_saves() { run_wrk "$n:page_after" "$conns" "$wrk_threads" "/$view_page"; }

# ---- one corpus size -------------------------------------------------------------------------

# Picks the measured pages: openbaar ones, spread over all types, in a stable order.
pick_pages() {
	find "$src" -name '*.md' -print0 | xargs -0 grep -l '^zichtbaarheid: openbaar' |
		sed "s|^$src/||; s|\\.md\$||" | LC_ALL=C sort >"$dir/open.txt"
	awk -v total="$(wc -l <"$dir/open.txt")" -v want="$rotate_pages" \
		'BEGIN { step = total / want } NR == int(k * step) + 1 && k < want { print; k++ }' \
		"$dir/open.txt" >"$dir/rotate.txt"
	grep -E '^verhalen/[^/]+$' "$dir/open.txt" >"$dir/stories.txt"
	view_page=$(sed -n "$(( ($(wc -l <"$dir/stories.txt") + 1) / 2 ))p" "$dir/stories.txt")
	save_page=$(tail -n 1 "$dir/stories.txt")
	[ -n "$view_page" ] && [ "$view_page" != "$save_page" ] || die "corpus too small"
}

bench_size() {
	local t0
	n=$1
	dir="$tmp/n$n"
	src="$dir/src"
	mkdir -p "$dir"
	R[$n:load0]=$(cut -d' ' -f1 /proc/loadavg)
	log "$n pages: generating"
	t0=$(now_ns)
	"$gen" "$src" "$n" "$seed" >"$dir/gen.txt"
	R[$n:gen_ms]=$(ms_since "$t0")
	R[$n:corpus]=$(cat "$dir/gen.txt")
	"$bin" init --data "$dir/data" >/dev/null
	# Measured as a logged-in professional (pages without zichtbaarheid are for accounts only).
	printf 'benchmark-wachtwoord\n' |
		"$bin" user add --data "$dir/data" bench --role professional --display Benchmark >/dev/null
	auth_header="Authorization: Bearer $("$bin" user token --data "$dir/data" bench | tail -n 1)"
	log "$n pages: importing"
	t0=$(now_ns)
	"$bin" import --data "$dir/data" "$src" --message "benchmark import" >/dev/null
	R[$n:import_ms]=$(ms_since "$t0")
	R[$n:repo_mb]=$(du -sk "$dir/data/repo.git" | awk '{ printf "%.1f", $1 / 1024 }')
	# Since the search index exists, import brings it up to date in the same run.
	if [ -f "$dir/data/index.db" ]; then
		R[$n:index_mb]=$(du -sk "$dir/data/index.db" | awk '{ printf "%.1f", $1 / 1024 }')
	fi
	log "  import: ${R[$n:import_ms]} ms, repository ${R[$n:repo_mb]} MB," \
		"index ${R[$n:index_mb]:-(none)} MB"
	pick_pages
	start_server "$dir/data" "$dir"
	log "$n pages: serving at $url; page /$view_page"
	bench_health
	bench_page_one
	bench_page_rotate
	bench_page_render
	server_alive
	R[$n:hwm_load]=$(server_hwm_mb)
	bench_search_common
	bench_search_rare
	bench_save
	bench_page_after_saves
	server_alive
	R[$n:hwm_end]=$(server_hwm_mb)
	R[$n:load1]=$(cut -d' ' -f1 /proc/loadavg)
	log "  peak memory: ${R[$n:hwm_load]} MB after the page views, ${R[$n:hwm_end]} MB at the end"
	stop_server
	[ -n "${WP_BENCH_KEEP:-}" ] || rm -rf -- "$dir"
}

# ---- the report ------------------------------------------------------------------------------

corpus_field() { # N KEY
	tr ' ' '\n' <<<"${R[$1:corpus]}" | awk -F= -v k="$2" '$1 == k { print $2 }'
}

fmt_wrk() { # KEY
	printf '%s req/s, p50 %s ms, p99 %s ms' "${R[$1.rps]}" "${R[$1.p50]}" "${R[$1.p99]}"
}

fmt_search() { # KEY
	if [ -n "${R[$1.todo]:-}" ]; then
		printf '%s' "$not_built"
	else
		printf 'p50 %s ms, p99 %s ms (%s req/s)' "${R[$1.p50]}" "${R[$1.p99]}" "${R[$1.rps]}"
	fi
}

fmt_import() { # N
	if [ -n "${R[$1:index_mb]:-}" ]; then
		printf '(`werkplaats import`, which also brings the index up to date)'
	else
		printf '(import only, index not yet built)'
	fi
}

fmt_found() { # N
	if [ -n "${R[$1:found.p50]:-}" ]; then
		printf 'save + search finding it p50 %s ms, p99 %s ms' "${R[$1:found.p50]}" \
			"${R[$1:found.p99]}"
	else
		printf 'in search: %s' "$not_built"
	fi
}

thousands() { printf '%s' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

report_size() { # N
	local k=$1 pages common rare label bad
	bad=$((${R[$k:health.bad]} + ${R[$k:page.bad]} + ${R[$k:rotate.bad]} + ${R[$k:render.bad]} +
		${R[$k:page_after.bad]}))
	pages=$(corpus_field "$k" pages)
	common=$(corpus_field "$k" common_pages)
	rare=$(corpus_field "$k" rare_pages)
	label=$(thousands "$k")
	cat <<EOF

### $label pages

Corpus (seed $seed): $pages pages — $(corpus_field "$k" verhalen) verhalen, \
$(corpus_field "$k" perspectieven) perspectieven, $(corpus_field "$k" dilemmas) dilemma's, \
$(corpus_field "$k" systeemfouten) systeemfouten, $(corpus_field "$k" olifantenpaden) \
olifantenpaden, $(corpus_field "$k" handreikingen) handreikingen; \
$(corpus_field "$k" words) words, $(awk -v b="$(corpus_field "$k" bytes)" \
'BEGIN { printf "%.1f", b / 1048576 }') MB. "$common_word" is in $common pages \
($(awk -v a="$common" -v b="$pages" 'BEGIN { printf "%.1f", 100 * a / b }')%), \
"$rare_word" in $rare ($(awk -v a="$rare" -v b="$pages" 'BEGIN { printf "%.2f", 100 * a / b }')%).

| figure at $label pages | target | measured |
|---|---|---|
| page view, cached, $conns connections | ≥ 15,000 req/s, p99 ≤ 2 ms | $(fmt_wrk "$k:page") |
| search, common word, one client | ≤ 10 ms p50, ≤ 30 ms p99 (≤ 60 ms p99 at 100,000) | $(fmt_search "$k:search_common") |
| search, rare word, one client | ≤ 1 ms p50 | $(fmt_search "$k:search_rare") |
| import + index | ≤ 5 s | $(awk -v m="${R[$k:import_ms]}" 'BEGIN { printf "%.1f s", m / 1000 }') $(fmt_import "$k") |
| save → visible in page and search | ≤ 15 ms p50 | save p50 ${R[$k:save.p50]} ms, p99 ${R[$k:save.p99]} ms; save + page view showing it p50 ${R[$k:visible.p50]} ms, p99 ${R[$k:visible.p99]} ms; $(fmt_found "$k") |
| peak memory under load | ≤ 60 MB | ${R[$k:hwm_load]} MB (VmHWM after the page-view runs; ${R[$k:hwm_end]} MB after the saves) |

| more figures at $label pages | measured |
|---|---|
| page views rotating over $rotate_pages pages, $conns connections | $(fmt_wrk "$k:rotate") |
| the same page view rendered for every request (not from the response cache), $conns connections | $(fmt_wrk "$k:render") |
| GET /health, $conns connections (no page work) | $(fmt_wrk "$k:health") |
| the same page view after $saves saves to another page ($saves newer commits than the page's own) | $(fmt_wrk "$k:page_after") |
| server CPU per request: /health, page view, rotating, rendered every time, after saves | ${R[$k:health.cpu]} ms, ${R[$k:page.cpu]} ms, ${R[$k:rotate.cpu]} ms, ${R[$k:render.cpu]} ms, ${R[$k:page_after.cpu]} ms |
| failed requests in all wrk runs (non-2xx, socket errors) | $bad |
| corpus generation | $(awk -v m="${R[$k:gen_ms]}" 'BEGIN { printf "%.1f s", m / 1000 }') |
| repository and index after import | ${R[$k:repo_mb]} MB, ${R[$k:index_mb]:-no} MB |
| load average (1 min, so earlier runs and the benchmark's own threads count too) before and right after these runs, on $(nproc) CPUs | ${R[$k:load0]}, ${R[$k:load1]} |
EOF
}

source_label() {
	if [ -n "${WP_BENCH_BIN:-}" ]; then
		printf '%s' "${WP_BENCH_LABEL:-the binary $WP_BENCH_BIN}"
	else
		wp_commit_label
	fi
}

header() {
	cat <<'EOF'
# Benchmarks

Measured by `tests/bench/run.sh [N ...]` (default `1000 10000`), which builds `werkplaats` and the
corpus generator `wp_bench_gen` (CMake option `WP_BENCH`) in `build-bench/`, and for each N:
generates N pages (`tests/bench/gen.c` documents the corpus), runs `werkplaats init` and times
`werkplaats import` (one commit), starts `werkplaats serve --port 0` on 127.0.0.1, and measures
with wrk (8 connections, 2 threads, 10 s, `--latency`) one page view, views rotating over 100
pages, the same page view with a query string (which keeps it out of the response cache, so it
is rendered every time) and `/health`, and with one connection `/zoeken?q=gemeente` (a word in nearly every page)
and `/zoeken?q=kwijtschelding` (in 0.1% of pages); then times 50 saves through
`PUT /api/pages/...` (base from a GET first) with curl, each followed by the page view that
must show it and a search for a word only that save added, which must find the page; and it
reads the server's peak resident memory (`VmHWM`). Every request is made as a logged-in
professional with an API token (`Authorization: Bearer`), so each one includes the token lookup
in `state.db` and the visibility rule (5 % of the corpus is team pages, hidden from this account). The
client runs on the same machine as the
server and shares its CPUs, and so does anything else running there: the load average is
recorded with each run. A figure the server cannot answer yet reads "niet gemeten".

This file is rewritten by the script: the newest run comes first, older runs stay below it.

## Where the figures miss their targets, and why

- **Search, common word, at 10,000 pages and more.** The word is in nearly every page, so the
  match yields ~10,000 rows and each gets a bm25 rank from FTS5 (which reads the page's size
  from its docsize table per row): that alone is ~8 ms at 10,000 pages, before the facets (one
  scan of the facet fields' index) and the HTML. Snippets are made only for the results shown.
  Going further needs ranking that stops early (an index ordered by impact), which FTS5 lacks.
- **Rare word at 10,000 pages** (about 1.7 ms against 1 ms): the HTML search page itself, the
  facets per match and the snippets, which re-tokenize the pages shown.
- **Import + index.** Git's part is one pack (a small part of the time); the rest is building
  the full-text index of the whole text with stemming and compound splitting (and the link and
  field tables) in one SQLite transaction.
- **Save -> visible at 10,000 pages and more.** The generated corpus keeps 65 % of its pages as
  stories in one folder, so every save writes a new tree object for `verhalen/` (560 KB at
  10,000 pages: zlib, SHA-1, fsync) and reads it back for the index catch-up; most of a save's
  time is libgit2 and zlib on that tree. At 1,000 pages the target is met.
- **Memory.** libgit2's object cache (bounded at 48 MiB) fills with the big trees of each new
  commit, and each worker thread holds its own SQLite page cache: a cache, not a leak.
EOF
}

write_report() {
	local section="$tmp/section.md" old="" kept="" n_
	{
		echo
		echo "## Run $(date -u '+%Y-%m-%d %H:%M UTC')"
		echo
		echo "Command: \`tests/bench/run.sh ${sizes[*]}\`, measuring $(source_label)."
		echo "Machine: $(wp_machine); measured at $(date -u '+%Y-%m-%dT%H:%M:%SZ')."
		echo "wrk $conns connections, $wrk_threads threads, ${duration} s per run; $saves saves."
		for n_ in "${sizes[@]}"; do
			report_size "$n_"
		done
	} >"$section"
	if [ -f "$out" ]; then
		old=$(awk 'f { print } /^<!-- runs -->$/ { f = 1 }' "$out")
		# Sections other scripts keep (privacy.sh, tests/load/run.sh).
		kept=$(awk '/^<!-- [a-z]+:begin -->$/ { f = 1 } f { print } /^<!-- [a-z]+:end -->$/ { f = 0; print "" }' \
			"$out")
	fi
	{
		header
		[ -z "$kept" ] || printf '\n%s\n' "$kept"
		echo
		echo "<!-- runs -->"
		cat "$section"
		[ -z "$old" ] || printf '%s\n' "$old"
	} >"$out.tmp"
	mv -- "$out.tmp" "$out"
	log "wrote $out"
}

main() {
	local n_
	check_args
	ensure_tools
	build_tools
	tmp=$(mktemp -d /tmp/wp-bench.XXXXXX)
	for n_ in "${sizes[@]}"; do
		bench_size "$n_"
	done
	write_report
}

main
