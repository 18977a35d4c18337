#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: run every test of the project, each step's output in
# build/check/STEP.log, and end with "N passed, N failed". A step that
# breaks before it reports (a build error, say) counts as one failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

logs=$BUILD/check
src=$BUILD/src
mkdir -p "$logs"
passed=0 failed=0 broken=()

# step NAME COMMAND...: run one step and add up its results, taken from its
# last "N passed, N failed" line, or else from the KTAP it printed.
step() {
	local name=$1 log=$logs/$1.log rc line p f
	shift
	echo "=== $name: $*"
	"$@" > >(tee "$log") 2>&1
	rc=$?
	sleep 0.1
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	[ -n "$line" ] || line=$("$TOP/scripts/ktap-summary.sh" "$log" | tail -n 1)
	p=$(echo "$line" | cut -d' ' -f1)
	f=$(echo "$line" | cut -d' ' -f3)
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" = 0 ] || broken+=("$name")
	echo "=== $name: $p passed, $f failed"
}

step tools "$TOP/tests/tools.sh"
step series-applies "$TOP/scripts/series-applies.sh"
if FORCE=1 "$TOP/scripts/tree.sh" "$src"; then
	step checkpatch "$TOP/scripts/checkpatch.sh" "$src"
	step kunit "$TOP/scripts/kunit.sh" "$src" "$BUILD/uml"
	step boot-debug make -s -C "$TOP" boot
else
	echo "=== the series does not apply: nothing to build"
	failed=$((failed + 1))
	broken+=(tree)
fi

echo
[ ${#broken[@]} = 0 ] || echo "failed steps: ${broken[*]} (logs in $logs)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
