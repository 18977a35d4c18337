#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ktap-summary.sh FILE: count the results of the KTAP in FILE and print
# "N passed, N failed, N skipped". Subtests nest behind "# " prefixes, as
# kselftest writes them; the leaves are counted, and a parent that failed
# without a failed subtest (a crash after its last subtest) counts as one
# failure. Exit 1 if anything failed or was skipped, or if fewer results
# came than a plan announced, at any level: a test program that stops early
# but exits 0 must not lose its missing results silently.
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
	if (rest ~ /^1\.\.[0-9]+/) {
		if (d == 0) { plan = substr(rest, 4) + 0; planned = 1 }
		else { subplan[d] = substr(rest, 4) + 0; subseen[d] = 0 }
		next
	}
	if (rest !~ /^(not )?ok [0-9]+/) next
	fail = rest ~ /^not ok/
	skip = rest ~ /# *(SKIP|skip)/
	if (d == 0) top++
	else subseen[d]++
	# This result closes its subtests: did all that were planned come?
	if (subplan[d + 1] > subseen[d + 1]) {
		printf "# only %d of %d planned subtests of \"%s\"\n", subseen[d + 1], subplan[d + 1], rest
		failed += subplan[d + 1] - subseen[d + 1]
	}
	subplan[d + 1] = 0
	subseen[d + 1] = 0
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
