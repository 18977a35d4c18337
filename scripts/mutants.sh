#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mutants.sh: apply each deliberate bug of tests/mutants/ in turn to the
# applied tree (build/src) and run the fast tests until one of them fails:
# the userspace harness, then KUnit under UML, then one debug boot with the
# shrinker KUnit suite and the registry's guest tests (MUTANT_TESTS). A
# mutant that no test kills is a missing test. Prints KTAP, one result a
# mutant ("ok" when killed, with the stage and the tests that failed), the
# kill rate, and the logs' place (build/mutants/NAME.STAGE.log); restores
# the tree after each mutant. MUTANTS="01 07" runs those only. KUNIT_SUITES
# (from the Makefile: the shrinker suite) says what must run at boot.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

: "${KUNIT_SUITES:?run it as make mutants, which says which KUnit suites boot}"
src=$BUILD/src
logs=$BUILD/mutants
tests=${MUTANT_TESTS:-shrinker-debugfs shrinker_debugfs shrinker_fail_nth shrinker_memcg shrinker_registry shrinker_torture zz-kmemleak alone-shrinker-free-lockdep}
[ -d "$src/.git" ] || die "no applied tree $src: run make initramfs first"
[ -f "$BUILD/initramfs.cpio" ] || die "no $BUILD/initramfs.cpio: run make initramfs first"
mkdir -p "$logs"

mutants=()
for m in "$TOP"/tests/mutants/*.patch; do
	name=$(basename "$m" .patch)
	if [ -n "${MUTANTS:-}" ]; then
		case " $MUTANTS " in *" ${name%%-*} "*) ;; *) continue ;; esac
	fi
	mutants+=("$m")
done
[ ${#mutants[@]} -gt 0 ] || die "no mutant in tests/mutants matches MUTANTS='${MUTANTS:-}'"

restore() {
	git -C "$src" checkout -q -- . 2>/dev/null
}
trap restore EXIT

# The tests that failed in a stage's log, on one line.
failed_tests() {
	grep -aoE '^(# )*not ok [0-9]+ [^#]*' "$1" | sed -E 's/^(# )*not ok [0-9]+ //; s/ *$//' |
		sort -u | head -n 8 | paste -sd, - | sed 's/,/, /g'
}

# What killed the mutant in a stage's log: the tests that failed, or else
# the first failed check or report of a sanitizer (a test that crashes
# prints no result), or else of the kernel or the runner (the harness
# prints the warnings that its tests expect, too).
harness_report='[a-z_]+\.c:[0-9]+: check failed|ERROR: [A-Za-z]+Sanitizer|WARNING: ThreadSanitizer|runtime error'
killed_by() {
	local tests
	tests=$(failed_tests "$1")
	if [ -n "$tests" ]; then
		echo "$tests"
	elif grep -qaE "$harness_report" "$1"; then
		grep -aoE "($harness_report).{0,50}" "$1" | head -n 1
	else
		grep -aoE '(BUG: |WARNING: |FAIL: ).{0,60}' "$1" | head -n 1
	fi
}

# kill_stage STAGE COMMAND...: run one stage; succeeds if the mutant died.
# A mutant that does not build is a broken mutant, not a killed one.
kill_stage() {
	local stage=$1 log=$logs/$name.$1.log
	shift
	if "$@" > "$log" 2>&1; then
		return 1
	fi
	if grep -qaE '\.[ch]:[0-9]+:[0-9]+: error:|ld returned [0-9]+ exit status|did not build' "$log"; then
		broken="$stage does not build it (see $log): fix the mutant"
		return 0
	fi
	killer="$stage: $(killed_by "$log")"
	return 0
}

# A mutant's "Boot: VAR=value ..." line sets the boot's environment (a
# kernel command line that its bug needs, say APPEND=cgroup.memory=nokmem),
# and its "Tests: ..." line the guest tests instead of MUTANT_TESTS.
boot_stage() {
	"$TOP/scripts/build-kernel.sh" debug "$src" "$BUILD/debug" &&
	env $boot_env "$TOP/scripts/run-qemu.sh" "$BUILD/debug/arch/x86/boot/bzImage" \
		"$BUILD/initramfs.cpio" "$logs/boot" ${boot_tests:-$tests}
}

ktap_plan ${#mutants[@]}
killed=0
for m in "${mutants[@]}"; do
	name=$(basename "$m" .patch)
	what=$(sed -n 's/^Mutant: //p' "$m")
	boot_env=$(sed -n 's/^Boot: //p' "$m")
	boot_tests=$(sed -n 's/^Tests: //p' "$m")
	restore
	if ! git -C "$src" apply "$m" 2>"$logs/$name.apply.log"; then
		ktap_result "$name" 1 "does not apply to $src (see $logs/$name.apply.log): update tests/mutants"
		continue
	fi
	note "mutant $name: $what"
	killer="" broken=""
	kill_stage harness make -C "$src/tools/testing/shrinker" check ||
		kill_stage kunit "$TOP/scripts/kunit.sh" "$src" "$BUILD/uml" ||
		kill_stage boot boot_stage
	restore
	if [ -n "$broken" ]; then
		ktap_result "$name" 1 "$broken"
	elif [ -n "$killer" ]; then
		killed=$((killed + 1))
		echo "# $name ($what): killed by $killer"
		ktap_result "$name" 0
	else
		ktap_result "$name" 1 "$what: survived the harness, KUnit and the boot: a test is missing"
	fi
done
echo "# mutants killed: $killed of ${#mutants[@]}"
exit $ktap_failed
