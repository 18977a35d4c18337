#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: check the packages the project needs (scripts/prereqs.sh), then
# run every test of the project, each step's output in build/check/STEP.log,
# each step's time on its last line, the results by kind, and end with
# "N passed, N failed". A step that breaks before it reports (a build
# error, say) counts as one failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/prereqs.sh" || exit 1
started=$(date +%s)
logs=$BUILD/check
src=$BUILD/src
mkdir -p "$logs"
passed=0 failed=0 broken=()

# step NAME COMMAND...: run one step and add up its results, taken from its
# "N passed, N failed" lines (summed: a step may run several suites), or
# else from the KTAP it printed, or else from its exit status (one result).
step() {
	local name=$1 log=$logs/$1.log rc line p f start
	shift
	start=$(date +%s)
	echo "=== $name: $*"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" |
		awk '{ p += $1; f += $3 } END { if (NR) print p " passed, " f " failed" }')
	if [ -z "$line" ] && grep -q '^1\.\.[0-9]' "$log"; then
		line=$("$TOP/scripts/ktap-summary.sh" "$log" | tail -n 1)
	elif [ -z "$line" ]; then
		line="$((rc == 0)) passed, $((rc != 0)) failed"
	fi
	p=$(echo "$line" | cut -d' ' -f1)
	f=$(echo "$line" | cut -d' ' -f3)
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" = 0 ] || broken+=("$name")
	echo "=== $name: $p passed, $f failed ($(elapsed "$start"))"
}

# The shrinkers the patched kernel lists: the base's (make base-shrinkers)
# and the ones the series adds.
expected_shrinkers() {
	head -n 1 "$TOP/tests/base-shrinkers.txt"
	{ tail -n +2 "$TOP/tests/base-shrinkers.txt"
	  grep -v '^#' "$TOP/tests/series-shrinkers.txt"; } | tr -d '\r' | LC_ALL=C sort
}

step tools "$TOP/tests/tools.sh"
step series-applies "$TOP/scripts/series-applies.sh"
echo "=== the tree to test: $src"
start=$(date +%s)
if FORCE=1 "$TOP/scripts/tree.sh" "$src"; then
	echo "=== the tree to test: ready ($(elapsed "$start"))"
	step checkpatch "$TOP/scripts/checkpatch.sh" "$src"
	step kernel-doc "$TOP/scripts/kernel-doc.sh" "$src"
	step api-gone "$TOP/scripts/api-gone.sh" "$src"
	step allmodconfig-objects "$TOP/scripts/build-objects.sh" "$src" "$BUILD/allmod"
	step harness make -C "$src/tools/testing/shrinker" check
	step kunit "$TOP/scripts/kunit.sh" "$src" "$BUILD/uml"
	# Two NUMA nodes, so that the per-node paths (nid > 0) run.
	step boot-debug env NODES=2 make -s -C "$TOP" boot
	# Lockdep reports once per boot: the report that shrinker_free()
	# under a lock its own scan takes must give comes in a boot of its own.
	step boot-lockdep-free env TESTS=alone-shrinker-free-lockdep \
		APPEND=kunit.enable=0 KUNIT_SUITES= \
		BOOT_LOGS="$BUILD/boot-lockdep-free" make -s -C "$TOP" boot
	step boot-nomemcg env APPEND=cgroup_disable=memory TESTS="shrinker-debugfs drop-caches" \
		BOOT_LOGS="$BUILD/boot-nomemcg" make -s -C "$TOP" boot
	# No slab charged to memcgs: a memcg's reclaim calls only its
	# SHRINKER_NONSLAB shrinkers (THP's deferred split queue).
	step boot-nokmem env APPEND=cgroup.memory=nokmem TESTS="shrinker_memcg drop-caches" \
		BOOT_LOGS="$BUILD/boot-nokmem" make -s -C "$TOP" boot
	step boot-slub-debug env APPEND="init_on_free=1 slub_debug=FZPU" \
		TESTS="drop-caches memcg-reclaim" BOOT_LOGS="$BUILD/boot-slub-debug" \
		make -s -C "$TOP" boot
	step boot-kcsan make -s -C "$TOP" boot-kcsan
	# tdc, the kernel's tc test suite, on the actions the series keeps in
	# slab caches with a destructor (gact, mirred): the same debug kernel
	# in a guest of its own, with python3 (guest/tdc/boot.sh).
	step tdc "$TOP/guest/tdc/boot.sh" "$BUILD/debug/arch/x86/boot/bzImage" "$src" "$BUILD/boot-tdc"
	# The kselftests on the unpatched base: the tests of what the
	# series fixes must fail there (tests/base-outcomes.txt).
	step base-fails make -s -C "$TOP" base-fails
	step shrinker-names diff -u <(expected_shrinkers) \
		<("$TOP/scripts/shrinker-names.sh" "$BUILD/boot/ktap.log")
else
	echo "=== the series does not apply: nothing to build"
	failed=$((failed + 1))
	broken+=(tree)
fi

# The same results by kind, each distinct test once (scripts/test-kinds.sh).
echo
echo "by kind: results, and distinct tests (one however many kernels, boots or sanitizers ran it)"
"$TOP/scripts/test-kinds.sh" "$logs" | awk -v total=$((passed + failed)) '
	BEGIN { name["series"] = "behaviour of the series"; name["upstream"] = "upstream suites"
		name["lint"] = "lint, build and doc checks"; name["tooling"] = "tooling self-tests, run checks" }
	$1 == "all" { if ($2 != total) printf "  (%d results by kind, %d in all: a log that test-kinds.sh cannot read)\n", $2, total; next }
	{ printf "  %-32s %5d results %5d distinct\n", name[$1], $2, $3 }'
echo
[ ${#broken[@]} = 0 ] || echo "failed steps: ${broken[*]} (logs in $logs)"
echo "make check took $(elapsed "$started")"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
