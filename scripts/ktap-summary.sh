#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ktap-summary.sh FILE: count the results of the KTAP in FILE and print
# "N passed, N failed, N skipped". Subtests nest behind "# " prefixes, as
# kselftest writes them; the leaves are counted, and a parent that failed
# without a failed subtest (a crash after its last subtest) counts as one
# failure. Exit 1 if anything failed or was skipped, or if fewer top-level
# results came than the plan announced.
set -euo pipefail

file=${1:?usage: ktap-summary.sh FILE}
[ -r "$file" ] || { echo "ktap-summary: cannot read $file" >&2; exit 2; }

awk '
function depth(line,   d) {
	d = 0
	while (sub(/^# /, "", line) || sub(/^    /, "", line)) d++
	rest = line
	return d
}
{
	sub(/\r$/, "")
	d = depth($0)
	if (d == 0 && rest ~ /^1\.\.[0-9]+/) { plan = substr(rest, 4) + 0; planned = 1; next }
	if (rest !~ /^(not )?ok [0-9]+/) next
	fail = rest ~ /^not ok/
	skip = rest ~ /# *(SKIP|skip)/
	if (d == 0) top++
	if (children[d + 1]) {
		if (fail && !failed_child[d + 1]) failed++
	} else if (skip) {
		skipped++
	} else if (fail) {
		failed++
	} else {
		passed++
	}
	children[d + 1] = 0
	failed_child[d + 1] = 0
	children[d] = 1
	if (fail) failed_child[d] = 1
}
END {
	if (top < plan) {
		printf "# only %d of %d planned results: the guest stopped early\n", top, plan
		failed += plan - top
	}
	if (!planned && top == 0) { print "# no KTAP plan and no results"; failed++ }
	printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped
	exit (failed || skipped) ? 1 : 0
}' "$file"
