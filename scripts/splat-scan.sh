#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# splat-scan.sh LOG: fail (exit 1) if the kernel log LOG holds a splat, and
# print each one. A test that provokes a splat on purpose writes the line
# "EXPECT-SPLAT BEGIN [N] <regex>" before and "EXPECT-SPLAT END" after: in
# between, exactly N splat lines (1 if N is left out) must match <regex>,
# and any other splat line still fails the run. Counting matters: lockdep
# and RCU put "WARNING:" in their headers, and report only once per boot,
# so a pattern that excused any number of matches could hide them. The
# markers may stand anywhere on their lines (KUnit indents).
#
# KCSAN_SCOPE=FILE (the KCSAN boot): a data race ("BUG: KCSAN: data-race in
# A / B") is a splat only if A or B is one of the functions FILE lists, one
# a line (scripts/kcsan-scope.sh: those of the C files the series touches);
# the others are printed as "outside the scope", and do not fail the run.
set -euo pipefail

log=${1:?usage: splat-scan.sh LOG}
scope=${KCSAN_SCOPE:-/dev/null}
[ -r "$scope" ] || { echo "splat-scan: cannot read KCSAN_SCOPE $scope" >&2; exit 2; }
[ -r "$log" ] || { echo "splat-scan: cannot read $log" >&2; exit 2; }

awk -v scope_file="$scope" -v scoped="${KCSAN_SCOPE:+1}" '
BEGIN {
	while ((getline fn < scope_file) > 0)
		in_scope[fn] = 1
	# Each kind on its own: "kernel BUG at" and general protection
	# faults have no "BUG:", and KASAN does not follow them everywhere
	# (UML). KCSAN reports say "BUG: KCSAN:".
	splat = "BUG:|WARNING:|KASAN|possible circular locking|suspicious RCU usage|" \
		"inconsistent lock state|Kernel panic|Oops|UBSAN:|blocked for more than|" \
		"possible recursive locking|lock held when returning|" \
		"Unable to handle kernel|kernel BUG at|general protection fault|" \
		"rcu: INFO: .*stall|self-detected stall|Out of memory|oom-kill:|" \
		"kmemleak: .*suspected memory leak"
	bad = 0
}
/EXPECT-SPLAT BEGIN / {
	if (expect != "") { printf "%d: EXPECT-SPLAT BEGIN inside another: %s\n", NR, $0; bad = 1 }
	expect = $0
	sub(/.*EXPECT-SPLAT BEGIN /, "", expect)
	sub(/[ \r]+$/, "", expect)
	want = 1
	if (expect ~ /^[0-9]+ /) {
		want = expect + 0
		sub(/^[0-9]+ /, "", expect)
	}
	seen = 0
	next
}
/EXPECT-SPLAT END/ {
	if (expect == "") { printf "%d: EXPECT-SPLAT END without BEGIN\n", NR; bad = 1 }
	else if (!seen) { printf "%d: expected splat /%s/ did not appear\n", NR, expect; bad = 1 }
	else if (seen != want) {
		printf "%d: expected splat /%s/ %d times, seen %d times\n", NR, expect, want, seen
		bad = 1
	}
	expect = ""
	next
}
# "data-race in A / B", "data-race in A", "assert: race in A / B"; the
# names as %ps prints them (foo.constprop.0), without offsets
scoped && /BUG: KCSAN: / {
	names = $0
	sub(/.*BUG: KCSAN: [a-z-]+ in /, "", names)
	n = split(names, part, / \/ /)
	hit = 0
	for (i = 1; i <= n; i++) {
		sub(/[+.].*/, "", part[i])
		if (part[i] in in_scope)
			hit = 1
	}
	if (!hit) { printf "%d: outside the scope: %s\n", NR, $0; next }
}
$0 ~ splat {
	if (expect != "" && $0 ~ expect) { seen++; next }
	printf "%d: %s\n", NR, $0
	bad = 1
}
END {
	if (expect != "") { printf "EXPECT-SPLAT BEGIN %s never ended\n", expect; bad = 1 }
	exit bad
}' "$log"
