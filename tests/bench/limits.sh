#!/usr/bin/env bash
# limits.sh - the cost of the worst pages the resource limits still let through (README
# "Limits"): each page is as large as the body limit allows and built from the Markdown that
# costs cmark-gfm the most just inside the bounds (128 '|' per line, 64 '![' per block), or
# nests as deep as it fits. For each: the time of the save (PUT: checks, render, index), of the
# first view (rendered) and of the second (cached), and the peak memory of a server that has
# handled that page alone.
# Writes the figures into BENCHMARKS.md between <!-- limits:begin --> and <!-- limits:end -->.
#
# Usage: tests/bench/limits.sh   (WP_BENCH_BIN: a werkplaats binary to use instead of building)
# Traffic goes to 127.0.0.1 only; the temporary data folder is removed on exit.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${WP_BENCH_OUT:-$root/BENCHMARKS.md}
# shellcheck source=lib.sh
source "$root/tests/bench/lib.sh"
target=${WP_LIMITS_BYTES:-950000} # page text; JSON escaping of newlines must stay under 1 MiB

bin=${WP_BENCH_BIN:-}
if [ -z "$bin" ]; then
	cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DWP_TESTS=OFF >/dev/null
	cmake --build "$root/build-bench" -j"$(nproc)" --target werkplaats >/dev/null
	bin=$root/build-bench/werkplaats
fi
tmp=$(mktemp -d /tmp/wp-limits.XXXXXX)
pid=""
cleanup() {
	[ -z "$pid" ] || kill "$pid" 2>/dev/null || true
	[ -z "$pid" ] || wait "$pid" 2>/dev/null || true
	rm -rf -- "$tmp"
}
trap cleanup EXIT

data=$tmp/data
"$bin" init --data "$data" >/dev/null
printf 'wachtwoord-voor-de-meting\n' | "$bin" user add --data "$data" meter --role beheerder >/dev/null
token=$("$bin" user token --data "$data" meter | tail -n 1)

# A fresh server for each page, so its peak memory is that page's.
start() {
	"$bin" serve --data "$data" --port 0 >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	for _ in $(seq 1 100); do
		grep -q 'draait op' "$tmp/out" 2>/dev/null && break
		sleep 0.1
	done
	url=$(grep -o 'http://[^ ]*' "$tmp/out" | sed 's:/$::')
	[ -n "$url" ] || { cat "$tmp/err" >&2; exit 1; }
}
stop() {
	kill "$pid"
	wait "$pid" || true
	pid=""
}

# The page body of one case on stdout (perl: in every Debian install).
body() { # CASE
	perl -e '
		my ($case, $n) = @ARGV; my $s = "";
		my %unit = (
			"image-links"   => ("![[]()" x 64) . "\n\n",
			"image-openers" => ("![" x 64) . ("[]()" x 2000) . "\n\n",
			"table-128"     => ("|x" x 64) . "|\n",
			"table-empty"   => ("|" x 128) . "\n",
			"brackets"      => "[", "emphasis" => "*a **", "wikilinks" => "[[notities/doel]] ",
			"prose"         => "Een gewone zin over de wijk en de hulp die werkte. ",
		);
		if ($case eq "table-128" || $case eq "table-empty") {
			$s = ("|k" x 64) . "|\n" . ("|-" x 64) . "|\n";
		}
		if ($case eq "quotes") { $s = (">" x $n) . " binnen\n"; }
		elsif ($case eq "lists") { $s .= ("- " x $_) . "niveau\n" for 1 .. 1300; }
		elsif ($case eq "brackets") { my $h = int($n / 2); $s = ("[" x $h) . "x" . ("]" x $h); }
		else { $s .= $unit{$case} while length($s) < $n; }
		print substr($s, 0, $n), "\n";
	' "$1" "$target"
}

# Seconds of one request; its status must be want.
timed() { # WANT ARGS...
	local want=$1 res
	shift
	res=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" "$@")
	[ "${res% *}" = "$want" ] || { echo "limits: expected $want, got ${res% *}: $*" >&2; exit 1; }
	printf '%s' "${res#* }"
}

load0=$(cut -d' ' -f1 /proc/loadavg)
cases=(prose image-links image-openers table-128 table-empty quotes lists brackets emphasis wikilinks)
rows=""
for c in "${cases[@]}"; do
	start
	body "$c" >"$tmp/body"
	size=$(wc -c <"$tmp/body")
	perl -0777 -ne 's/\\/\\\\/g; s/"/\\"/g; s/\n/\\n/g;
		print "{\"content\": \"---\\ntitel: Grens\\n---\\n$_\", \"base\": null, \"message\": \"meting\"}"' \
		"$tmp/body" >"$tmp/put.json"
	put=$(timed 201 -X PUT -H 'Content-Type: application/json' --data-binary @"$tmp/put.json" \
		"$url/api/pages/grens/$c")
	first=$(timed 200 "$url/grens/$c")
	second=$(timed 200 "$url/grens/$c")
	hwm=$(awk '/^VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status")
	stop
	rows+=$(printf '| %s | %s | %.3f s | %.3f s | %.4f s | %s |' "$c" "$size" "$put" "$first" \
		"$second" "$hwm")$'\n'
	echo "limits: $c $size bytes: save $put s, first view $first s, cached $second s, peak $hwm" >&2
done

section=$tmp/section.md
{
	echo "<!-- limits:begin -->"
	echo "## Worst pages within the limits ($(date -u '+%Y-%m-%d %H:%M UTC'))"
	echo
	echo "\`tests/bench/limits.sh\` on $(wp_machine), measuring $(wp_commit_label);"
	echo "load average (1 min) $load0 before, $(cut -d' ' -f1 /proc/loadavg) after (whatever else"
	echo "ran on the machine shares its CPUs). Each page is about $target bytes of the"
	echo "most expensive Markdown the bounds let through (README \"Limits\"), saved and viewed"
	echo "twice on a fresh server, whose peak memory (VmHWM) is in the last column. Without the"
	echo "bounds, 300 KB of \`|\` took 19 s per view and 300 KB of \`![[]()\` 38 s."
	echo
	echo "| page | bytes | save | first view | cached view | server peak memory |"
	echo "|---|---|---|---|---|---|"
	printf '%s' "$rows"
	echo "<!-- limits:end -->"
} >"$section"
wp_put_section limits "$section" "$out"
echo "limits: wrote $out" >&2
