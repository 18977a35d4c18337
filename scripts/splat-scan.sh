#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# splat-scan.sh LOG: fail (exit 1) if the kernel log LOG holds a splat, and
# print each one. A test that provokes a splat on purpose writes the line
# "EXPECT-SPLAT BEGIN <regex>" before and "EXPECT-SPLAT END" after: splats
# matching <regex> in between are expected, and the run fails if none
# appears. The markers may stand anywhere on their lines (KUnit indents).
set -euo pipefail

log=${1:?usage: splat-scan.sh LOG}
[ -r "$log" ] || { echo "splat-scan: cannot read $log" >&2; exit 2; }

awk '
BEGIN {
	splat = "BUG:|WARNING:|KASAN|possible circular locking|suspicious RCU usage|" \
		"inconsistent lock state|Kernel panic|Oops|UBSAN:|blocked for more than|" \
		"possible recursive locking|lock held when returning|" \
		"Unable to handle kernel"
	bad = 0
}
/EXPECT-SPLAT BEGIN / {
	if (expect != "") { printf "%d: EXPECT-SPLAT BEGIN inside another: %s\n", NR, $0; bad = 1 }
	expect = $0
	sub(/.*EXPECT-SPLAT BEGIN /, "", expect)
	sub(/[ \r]+$/, "", expect)
	seen = 0
	next
}
/EXPECT-SPLAT END/ {
	if (expect == "") { printf "%d: EXPECT-SPLAT END without BEGIN\n", NR; bad = 1 }
	else if (!seen) { printf "%d: expected splat /%s/ did not appear\n", NR, expect; bad = 1 }
	expect = ""
	next
}
$0 ~ splat {
	if (expect != "" && $0 ~ expect) { seen = 1; next }
	printf "%d: %s\n", NR, $0
	bad = 1
}
END {
	if (expect != "") { printf "EXPECT-SPLAT BEGIN %s never ended\n", expect; bad = 1 }
	exit bad
}' "$log"
