# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest's shell tests: KTAP subtest lines and cleanup.

ktap_n=0
ktap_failed=0

ktap_plan() {
	echo "TAP version 13"
	echo "1..$1"
}

# ktap_result NAME COMMAND...: run COMMAND, report it as subtest NAME.
ktap_result() {
	local name=$1
	shift
	ktap_n=$((ktap_n + 1))
	if "$@"; then
		echo "ok $ktap_n $name"
	else
		echo "not ok $ktap_n $name"
		ktap_failed=1
	fi
}

ktap_exit() {
	exit $ktap_failed
}

# Print the shrinker table of debugfs: name and objects per shrinker,
# summed over nodes and memcgs.
shrinker_table() {
	local d
	printf '%-32s %10s\n' SHRINKER OBJECTS
	for d in /sys/kernel/debug/shrinker/*/; do
		d=${d%/}
		printf '%-32s %10s\n' "${d##*/}" "$(shrinker_count "${d##*/}")"
	done
}

# shrinker_count NAME [MEMCG_INO]: freeable objects the shrinker reports,
# summed over nodes, for one memcg or for all.
shrinker_count() {
	awk -v ino="${2:-}" 'ino == "" || $1 == ino { for (i = 2; i <= NF; i++) s += $i } END { print s + 0 }' \
		"/sys/kernel/debug/shrinker/$1/count"
}
