#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit.sh SRC BUILD_DIR: run the KUnit suites of configs/uml.kunitconfig
# under UML with the kernel's own kunit.py, building in BUILD_DIR through
# ccache. Prints "N passed, N failed" and fails on a failed test or on a
# splat in the UML kernel's log that no EXPECT-SPLAT marker announced.
# While kunit.py builds (silently), prints every PROGRESS_SECONDS how many
# objects it has built.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=${1:?usage: kunit.sh SRC BUILD_DIR}
build=${2:?usage: kunit.sh SRC BUILD_DIR}
need python3 python3
need ccache ccache
mkdir -p "$build"
build=$(cd "$build" && pwd)
out=$build/kunit.out
rm -f "$build/test.log"

note "KUnit under UML: building and running in $build"
start=$(date +%s)
progress_start "KUnit UML kernel" "$build"
set +e
python3 "$src/tools/testing/kunit/kunit.py" run --build_dir="$build" \
	--kunitconfig="$TOP/configs/uml.kunitconfig" \
	--make_options "CC=ccache gcc" --make_options "HOSTCC=ccache gcc" \
	--jobs "${JOBS:-$(nproc)}" --timeout "${TIMEOUT:-900}" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
set -e
progress_stop
note "KUnit under UML: done in $(elapsed "$start")"

fail=0
[ "$rc" = 0 ] || fail=1
if [ ! -f "$build/test.log" ]; then
	echo "FAIL: the UML kernel did not run (no $build/test.log)"
	fail=1
elif ! splats=$("$TOP/scripts/splat-scan.sh" "$build/test.log" 2>&1); then
	echo "FAIL: splat in the UML kernel log $build/test.log:"
	echo "$splats"
	fail=1
fi
# "Testing complete. Ran 12 tests: passed: 11, failed: 1"
line=$(grep -o 'Ran [0-9]* tests:.*' "$out" | tail -n 1)
passed=$(echo "$line" | grep -o 'passed: [0-9]*' | grep -o '[0-9]*' || echo 0)
failed=$(echo "$line" | grep -o 'failed: [0-9]*' | grep -o '[0-9]*' || echo 0)
skipped=$(echo "$line" | grep -o 'skipped: [0-9]*' | grep -o '[0-9]*' || echo 0)
crashed=$(echo "$line" | grep -o 'crashed: [0-9]*' | grep -o '[0-9]*' || echo 0)
failed=$((${failed:-0} + ${crashed:-0}))
if [ -z "$line" ]; then
	echo "FAIL: kunit.py reported no results"
	failed=$((failed + 1))
fi
[ "${skipped:-0}" = 0 ] || fail=1
[ "$failed" = 0 ] || fail=1
echo "${passed:-0} passed, $failed failed, ${skipped:-0} skipped"
exit $fail
