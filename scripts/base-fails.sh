#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# base-fails.sh: boot the unpatched 6.1 base (its debug kernel in
# build/base-debug, which make base-debug builds) with the series'
# initramfs, run the kselftests that the base can run, and compare each
# test's result with tests/base-outcomes.txt: a regression test of a fix
# must fail on the base, the others must pass there. Prints KTAP, one
# result a test, and "N passed, N failed". A test missing from the base's
# run, or from the list, is a failure. BASE_KTAP=FILE judges the guest's
# KTAP in FILE instead of booting, and BASE_OUTCOMES another list
# (tests/tools.sh does both). make base-fails builds what it needs first.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

outcomes=${BASE_OUTCOMES:-$TOP/tests/base-outcomes.txt}
programs=${BASE_TESTS:-shrinker_debugfs shrinker_registry shrinker_memcg shrinker_seed}
bzimage=$BUILD/base-debug/arch/x86/boot/bzImage
logs=$BUILD/base-fails
ktap=${BASE_KTAP:-$logs/ktap.log}
[ -r "$outcomes" ] || die "no list of outcomes $outcomes"

if [ -z "${BASE_KTAP:-}" ]; then
	[ -f "$BUILD/initramfs.cpio" ] || die "no $BUILD/initramfs.cpio: run make initramfs first"
	[ -f "$bzimage" ] || die "no base kernel $bzimage: run make base-debug first"
	# The base fails some tests on purpose: its own verdict is not ours,
	# but it must boot, finish and show no splat.
	KUNIT_SUITES= TIMEOUT=${TIMEOUT:-1500} "$TOP/scripts/run-qemu.sh" \
		"$bzimage" "$BUILD/initramfs.cpio" "$logs" $programs > "$logs.out" 2>&1
	grep -q '^ok - boot: no splat, guest finished' "$logs.out" ||
		{ cat "$logs.out"; die "the base kernel did not boot and finish its tests cleanly (log: $logs.out)"; }
fi
[ -r "$ktap" ] || die "no KTAP of the base's run: $ktap"

# "# ok 6 debugfs.scan_unknown_memcg" / "# not ok 6 ...": what the base did.
declare -A got
while read -r verdict name; do
	got[$name]=$verdict
done < <(sed -n -E 's/\r$//; s/^# (not ok|ok) [0-9]+ ([a-z_]+\.[a-z_]+)( .*)?$/\1 \2/p' "$ktap" |
	sed 's/^not ok/fail/; s/^ok/pass/')

# What it should have done: "name pass|fail [why]" lines, # comments.
mapfile -t expected < <(grep -v '^#' "$outcomes" | awk 'NF')

verb() { [ "$1" = pass ] && echo passes || echo fails; }

n=0 passed=0 failed=0
echo "TAP version 13"
echo "1..$(( ${#expected[@]} + 1 ))"
for line in "${expected[@]}"; do
	read -r name want _ <<< "$line"
	n=$((n + 1))
	case "$want" in
	pass|fail) ;;
	*) die "$outcomes: '$name $want': say pass or fail" ;;
	esac
	case "${got[$name]:-missing}" in
	"$want") echo "ok $n - $name: $(verb "$want") on the base, as it should"
		passed=$((passed + 1)) ;;
	missing) echo "not ok $n - $name: did not run on the base"
		failed=$((failed + 1)) ;;
	*) echo "not ok $n - $name: $(verb "${got[$name]}") on the base, where it should $want"
		failed=$((failed + 1)) ;;
	esac
	unset "got[$name]"
done
n=$((n + 1))
if [ ${#got[@]} = 0 ]; then
	echo "ok $n - every test the base ran is in $(basename "$outcomes")"
	passed=$((passed + 1))
else
	echo "not ok $n - not in $(basename "$outcomes"): ${!got[*]}"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
