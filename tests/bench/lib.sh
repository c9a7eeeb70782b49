# lib.sh - what the benchmark scripts share (sourced, with $root the repository): the machine
# the figures were measured on and the commit they measure.

# "AMD EPYC, nproc 2, 23.5 GiB memory, Linux 6.1.0"
wp_machine() {
	local model mem
	model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	printf '%s, nproc %s, %s memory, Linux %s' "${model:-unknown CPU}" "$(nproc)" "$mem" \
		"$(uname -r)"
}

# "commit abc1234", with " plus uncommitted changes" when tracked files differ from it.
wp_commit_label() {
	local head dirty=""
	head=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
	[ -z "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ] ||
		dirty=" plus uncommitted changes"
	printf 'commit %s%s' "$head" "$dirty"
}

# Puts section (a file from "<!-- NAME:begin -->" to "<!-- NAME:end -->") into the report out:
# in place of the old section of that name, else before the first heading or section.
wp_put_section() { # NAME SECTION_FILE OUT
	awk -v name="$1" -v file="$2" '
		function put() { while ((getline line < file) > 0) print line; done = 1 }
		$0 == "<!-- " name ":begin -->" { put(); skip = 1; next }
		$0 == "<!-- " name ":end -->" { skip = 0; next }
		(/^## / || /^<!-- [a-z]+:begin -->$/) && !done && !have { put(); print "" }
		!skip { print }' have="$(grep -c "^<!-- $1:begin -->$" "$3" || true)" "$3" >"$3.new"
	mv -- "$3.new" "$3"
}
