#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-tests of the tooling in scripts/: the log judges on canned logs, the
# series workflow (tree, export, apply, fetch) on a tiny git tree with bad
# input of each kind, the check of the packages with programs hidden from
# PATH, and the progress lines of a kernel build and a boot (stand-ins for
# kbuild, QEMU and apt-get in tests/fakes). Runs in seconds; prints KTAP.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
S=$TOP/scripts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SHRINKER_CACHE=$tmp/cache BUILD=$tmp/build
# Never let a test install packages on this machine.
export PREREQS_AS_ROOT=0 PREREQS_APT_GET=false
F=$TOP/tests/fakes
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t

n=0 failed=0
# t NAME COMMAND...: one test, passing when COMMAND succeeds.
t() {
	local name=$1 out
	shift
	n=$((n + 1))
	if out=$("$@" 2>&1); then
		echo "ok $n $name"
	else
		echo "$out" | tail -n 20 | sed 's/^/# /'
		echo "not ok $n $name"
		failed=1
	fi
}

# fails_with TEXT COMMAND...: COMMAND must fail and say TEXT.
fails_with() {
	local text=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "succeeded, but should have failed: $*"
		return 1
	fi
	echo "$out" | grep -q -- "$text" || { echo "$out"; echo "missing: $text"; return 1; }
}

log() { printf '%s\n' "$@" > "$tmp/log"; }

echo "TAP version 13"
echo "1..76"

# --- splat-scan.sh
log "[    1.0] Linux version 6.1" "[    2.0] guest: running x"
t splat-clean-log "$S/splat-scan.sh" "$tmp/log"
for s in "WARNING: CPU: 1 PID: 1 at mm/shrinker.c:10" "BUG: KASAN: use-after-free in f" \
	 "WARNING: suspicious RCU usage" "INFO: task mount:12 blocked for more than 60 seconds."; do
	log "[    1.0] ok" "[    2.0] $s"
	t "splat-found: ${s%% *}" fails_with "2: " "$S/splat-scan.sh" "$tmp/log"
done
log "EXPECT-SPLAT BEGIN WARNING:" "WARNING: CPU: 0 PID: 9 at x" "EXPECT-SPLAT END"
t splat-expected-seen "$S/splat-scan.sh" "$tmp/log"
log "    # test_twice: EXPECT-SPLAT BEGIN WARNING" "WARNING: at y" "    # test_twice: EXPECT-SPLAT END"
t splat-expected-kunit-indent "$S/splat-scan.sh" "$tmp/log"
log "EXPECT-SPLAT BEGIN WARNING:" "nothing here" "EXPECT-SPLAT END"
t splat-expected-missing fails_with "did not appear" "$S/splat-scan.sh" "$tmp/log"
log "EXPECT-SPLAT BEGIN WARNING:" "BUG: KASAN: slab-out-of-bounds" "WARNING: x" "EXPECT-SPLAT END"
t splat-other-inside-bracket fails_with "KASAN" "$S/splat-scan.sh" "$tmp/log"
# An expected splat is counted: lockdep's header says "WARNING:" too, and
# must not hide behind a WARN that was expected once.
log "EXPECT-SPLAT BEGIN WARNING:" "WARNING: CPU: 0 PID: 9 at x" \
    "WARNING: possible circular locking dependency detected" "EXPECT-SPLAT END"
t splat-expected-once-seen-twice fails_with "1 times, seen 2 times" "$S/splat-scan.sh" "$tmp/log"
log "EXPECT-SPLAT BEGIN 2 WARNING: CPU" "WARNING: CPU: 0 at x" "WARNING: CPU: 1 at y" "EXPECT-SPLAT END"
t splat-expected-count "$S/splat-scan.sh" "$tmp/log"
# Each kind of report on its own, not only when KASAN follows.
for s in "kernel BUG at mm/slub.c:12!" "general protection fault, probably for non-canonical address" \
	 "rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:" "Out of memory: Killed process 12 (x)" \
	 "kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"; do
	log "[    1.0] ok" "[    2.0] $s"
	t "splat-found: ${s%% *} ${s#* }" fails_with "2: " "$S/splat-scan.sh" "$tmp/log"
done
# KCSAN_SCOPE: a data race fails only if it names a function in scope.
printf 'shrinker_free\nlist_lru_add\n' > "$tmp/scope"
log "BUG: KCSAN: data-race in shrinker_debugfs_scan_write / shrinker_free"
KCSAN_SCOPE="$tmp/scope" t splat-kcsan-in-scope fails_with "1: " "$S/splat-scan.sh" "$tmp/log"
log "BUG: KCSAN: data-race in list_lru_add.constprop.0+0x1c/0x90"
KCSAN_SCOPE="$tmp/scope" t splat-kcsan-in-scope-suffix fails_with "1: " "$S/splat-scan.sh" "$tmp/log"
log "BUG: KCSAN: data-race in ext4_foo / ext4_bar" "WARNING: CPU: 0 PID: 1 at x"
t splat-kcsan-out-of-scope-listed sh -c "KCSAN_SCOPE='$tmp/scope' '$S/splat-scan.sh' '$tmp/log' |
	grep -q '^1: outside the scope' && ! KCSAN_SCOPE='$tmp/scope' '$S/splat-scan.sh' '$tmp/log' >/dev/null"
log "BUG: KCSAN: data-race in ext4_foo / ext4_bar"
KCSAN_SCOPE="$tmp/scope" t splat-kcsan-out-of-scope-passes "$S/splat-scan.sh" "$tmp/log"
t splat-kcsan-no-scope-fails fails_with "1: " "$S/splat-scan.sh" "$tmp/log"

# --- ktap-summary.sh
log "TAP version 13" "1..2" "# 1..2" "# ok 1 a" "# ok 2 b" "ok 1 prog" "ok 2 single"
t ktap-leaves-counted sh -c "'$S/ktap-summary.sh' '$tmp/log' | grep -qx '3 passed, 0 failed, 0 skipped'"
# A test program that stops before its plan is done but exits 0.
log "TAP version 13" "1..1" "# 1..3" "# ok 1 a" "# ok 2 b" "ok 1 prog"
t ktap-short-nested-plan sh -c "'$S/ktap-summary.sh' '$tmp/log' | grep -qx '2 passed, 1 failed, 0 skipped'"
log "TAP version 13" "1..1" "# ok 1 a" "# not ok 2 b" "not ok 1 prog"
t ktap-failure fails_with "1 passed, 1 failed" "$S/ktap-summary.sh" "$tmp/log"
log "TAP version 13" "1..1" "# ok 1 a" "not ok 1 prog # exit status 139"
t ktap-parent-crash fails_with "1 passed, 1 failed" "$S/ktap-summary.sh" "$tmp/log"
log "TAP version 13" "1..3" "ok 1 a"
t ktap-short-plan fails_with "stopped early" "$S/ktap-summary.sh" "$tmp/log"
log "TAP version 13" "1..1" "ok 1 a # SKIP no memcg"
t ktap-skip-fails fails_with "0 passed, 0 failed, 1 skipped" "$S/ktap-summary.sh" "$tmp/log"

# --- the series workflow, on a tiny "kernel" tree used as KERNEL_SRC
base=$tmp/base
git init -q -b main "$base"
seq 1 10 > "$base/file"
git -C "$base" add file && git -C "$base" commit -q -m base
export KERNEL_SRC=$base PATCHES=$tmp/patches
wt=$tmp/wt
t tree-empty-series "$S/tree.sh" "$wt"
sed -i 's/^2$/two/' "$wt/file"
t tree-refuses-dirty fails_with "uncommitted changes" "$S/tree.sh" "$wt"
git -C "$wt" commit -q -am "file: spell out two"
sed -i 's/^9$/nine/' "$wt/file"
git -C "$wt" commit -q -am "file: spell out nine"
t tree-refuses-unexported fails_with "differ from patches" "$S/tree.sh" "$wt"
git -C "$wt" config branch.series.description "$(printf 'file: words\n\nMake the file wordy.')"
t export-writes-series sh -c "'$S/export.sh' '$wt' && grep -c 'patch$' '$PATCHES/series' | grep -qx 2"
cp -r "$PATCHES" "$tmp/patches.1"
t export-is-deterministic sh -c "sleep 1; '$S/export.sh' '$wt' && diff -r '$tmp/patches.1' '$PATCHES'"
t tree-roundtrip sh -c "rm -rf '$wt' && '$S/tree.sh' '$wt' && '$S/export.sh' '$wt' && diff -r '$tmp/patches.1' '$PATCHES'"
user=$tmp/user
git clone -q "$base" "$user"
t apply-to-user-tree sh -c "'$S/apply.sh' '$user' && grep -qx nine '$user/file'"
git -C "$user" reset -q --hard origin/main
sed -i 's/^9$/NINE/' "$user/file" && git -C "$user" commit -q -am "conflicting change"
head=$(git -C "$user" rev-parse HEAD)
t apply-names-failing-patch fails_with "patch 2 of 2 does not apply: 0002-file-spell-out-nine" "$S/apply.sh" "$user"
t apply-leaves-tree-as-was sh -c "[ \$(git -C '$user' rev-parse HEAD) = $head ] && [ -z \"\$(git -C '$user' status --porcelain)\" ]"
unset KERNEL_SRC PATCHES

# --- fetch-base.sh: an unknown version, and a download with the wrong checksum
sed 's/^BASE_VERSION=.*/BASE_VERSION=0.0-0/' "$TOP/base.env" > "$tmp/unknown.env"
t fetch-unknown-version fails_with "cannot be downloaded" env BASE_ENV="$tmp/unknown.env" "$S/fetch-base.sh"
. "$TOP/base.env"
mkdir -p "$tmp/deb/usr/src" "$tmp/deb/DEBIAN" "$SHRINKER_CACHE"
echo corrupt > "$tmp/deb/usr/src/$BASE_PACKAGE.tar.xz"
printf 'Package: %s\nVersion: %s\nArchitecture: all\nMaintainer: t <t@t>\nDescription: t\n' \
	"$BASE_PACKAGE" "$BASE_VERSION" > "$tmp/deb/DEBIAN/control"
dpkg-deb -b "$tmp/deb" "$SHRINKER_CACHE/${BASE_PACKAGE}_${BASE_VERSION}_all.deb" >/dev/null
t fetch-checksum-mismatch fails_with "checksum mismatch" "$S/fetch-base.sh"
t fetch-mismatch-leaves-nothing sh -c "[ -z \"\$(ls '$SHRINKER_CACHE')\" ]"

# --- bench.sh: bad input is refused before anything is built or run
t bench-unknown-argument fails_with "unknown argument 'fast'" "$S/bench.sh" fast
t bench-bad-rounds fails_with "positive number" "$S/bench.sh" --rounds 0
t bench-bad-knob fails_with "numbers only" env BENCH_MEMCGS=many "$S/bench.sh"
t bench-bad-slab-knob fails_with "BENCH_SLAB_OPS='1e6': numbers only" env BENCH_SLAB_OPS=1e6 "$S/bench.sh"
t bench-bad-tc-knob fails_with "BENCH_TC_FILTERS='-5': numbers only" env BENCH_TC_FILTERS=-5 "$S/bench.sh"
t bench-unknown-kernel fails_with "unknown argument 'series-nofs'" "$S/bench.sh" series-nofs
t bench-bad-input-leaves-nothing sh -c "[ ! -e '$BUILD/bench' ]"
t fetch-rival-bad-argument fails_with "usage: fetch-base.sh" "$S/fetch-base.sh" bogus

# --- bench-report.py: a report from the results of a real run (the README's latest)
cp -r "$TOP/tests/bench-fixture" "$tmp/bench"
t bench-report sh -c "python3 '$S/bench-report.py' '$tmp/bench' &&
	grep -q '^## 5. Memcg walk scaling' '$tmp/bench/report.md' &&
	grep -q '^| 3 | freed per pass' '$tmp/bench/summary.md' &&
	[ \"\$(head -c 4 '$tmp/bench/ratios.png' | tail -c 3)\" = PNG ]"
t bench-report-no-results fails_with "usage: bench-report.py" python3 "$S/bench-report.py" "$tmp"
# Workload 7 (slab), which the fixture's run predates: with figures of it
# added (made up, equal), its section and its target, met; the fixture's
# own report (above) has neither.
cp -r "$TOP/tests/bench-fixture" "$tmp/bench7"
for r in 1 2; do for k in base series; do for m in fast_ns refill_ns ctor_fast_ns ctor_refill_ns; do
	echo "$r,$k,w7,$m,50.000"
done; done; done >> "$tmp/bench7/results.csv"
t bench-report-slab sh -c "python3 '$S/bench-report.py' '$tmp/bench7' &&
	grep -q '^## 7. Slab allocation without a destructor' '$tmp/bench7/report.md' &&
	grep -q '^| 7 | series/base <= 1.02 for caches without a destructor .* | met |' '$tmp/bench7/summary.md' &&
	! grep -q '^## 7\.\|^| 7 ' '$tmp/bench/report.md'"
# Workload 8 (global pass), made up: the series faster at K=100, slower at
# K=1000, so its target is missed, and only at the K it was run with; and
# without SHRINKER_ROOT_BIT, a target of its own.
cp -r "$TOP/tests/bench-fixture" "$tmp/bench8"
sed -i 's/^knobs: /knobs: BENCH_GLOBAL_SHRINKERS=100,1000 /' "$tmp/bench8/meta.txt"
for r in 1 2; do
	echo "$r,base,w8,pass_us_100,10.0"; echo "$r,base,w8,pass_us_1000,50.0"
	echo "$r,series,w8,pass_us_100,9.0"; echo "$r,series,w8,pass_us_1000,60.0"
	echo "$r,base,w8,plain_pass_us_100,10.0"; echo "$r,base,w8,plain_pass_us_1000,50.0"
	echo "$r,series,w8,plain_pass_us_100,12.0"; echo "$r,series,w8,plain_pass_us_1000,70.0"
done >> "$tmp/bench8/results.csv"
t bench-report-global sh -c "python3 '$S/bench-report.py' '$tmp/bench8' &&
	grep -q '^## 8. Global reclaim pass' '$tmp/bench8/report.md' &&
	grep -q '^Without the flag:' '$tmp/bench8/report.md' &&
	grep -q '^| 8 | global pass series/base <= 1.00 at every K | K=100 0.900x; K=1000 1.200x | \*\*missed\*\* |' '$tmp/bench8/summary.md' &&
	grep -q '^| 8 | global pass series/base <= 1.00 at every K, shrinkers without SHRINKER_ROOT_BIT | K=100 1.200x; K=1000 1.400x | \*\*missed\*\* |' '$tmp/bench8/summary.md' &&
	grep -q '^| 8 global pass, 1000 idle shrinkers (us) | ' '$tmp/bench8/summary.md' &&
	grep -q '^| 8 global pass, 1000 idle shrinkers without the flag (us) | ' '$tmp/bench8/summary.md' &&
	! grep -q '^## 8\.\|^| 8 ' '$tmp/bench/report.md'"
# Workload 9 (list_lru add+delete), made up: the series as fast with one
# writer, slower with all of them, so its target is missed.
cp -r "$TOP/tests/bench-fixture" "$tmp/bench9"
for r in 1 2; do
	echo "$r,base,w9,pair_ns_1,100.0"; echo "$r,base,w9,pair_ns_all,200.0"
	echo "$r,series,w9,pair_ns_1,100.0"; echo "$r,series,w9,pair_ns_all,220.0"
done >> "$tmp/bench9/results.csv"
t bench-report-lru sh -c "python3 '$S/bench-report.py' '$tmp/bench9' &&
	grep -q '^## 9. list_lru add and delete in a memcg' '$tmp/bench9/report.md' &&
	grep -q '^| 9 | list_lru add+delete series/base <= 1.00 (one writer; all vCPUs) | one writer 1.000x; a writer per vCPU at once 1.100x | \*\*missed\*\* |' '$tmp/bench9/summary.md' &&
	grep -q '^| 9 list_lru add+delete, one writer (ns) | ' '$tmp/bench9/summary.md' &&
	! grep -q '^## 9\.\|^| 9 ' '$tmp/bench/report.md'"
# Workload 6 (tc churn) and the ramfs split (series-nomnt: the series
# without its mnt_cache patch), from a real run of those two workloads
# (tests/bench-fixture/tc-churn): its sections and targets, and none of the
# workloads it did not run; the full fixture's report has no workload 6.
cp -r "$TOP/tests/bench-fixture/tc-churn" "$tmp/bench6"
t bench-report-tc-churn sh -c "python3 '$S/bench-report.py' '$tmp/bench6' &&
	grep -q '^## 6. tc filter churn' '$tmp/bench6/report.md' &&
	grep -q '^| series, no mnt dtor | ' '$tmp/bench6/report.md' &&
	grep -q '^The mount destructor.s share: .*series/series-nomnt: [0-9.]* ' '$tmp/bench6/report.md' &&
	grep -q '^| 6 | tc system time series/base <= 0.74 | [0-9.]*x .* | \(met\|\*\*missed\*\*\) |' '$tmp/bench6/summary.md' &&
	grep -q '^| 6 | filters/s series/base >= 1.3 | [0-9.]*x | \(met\|\*\*missed\*\*\) |' '$tmp/bench6/summary.md' &&
	grep -q '^| 6 tc churn, pcpu_alloc (%) | [0-9]' '$tmp/bench6/summary.md' &&
	grep -q '^| 2 ramfs series/series-nomnt (mount dtor) | ' '$tmp/bench6/summary.md' &&
	! grep -q '^## [13457]\.' '$tmp/bench6/report.md' &&
	! grep -q '^| [13457] ' '$tmp/bench6/summary.md' &&
	! grep -q '^## 6\.\|^| 6 ' '$tmp/bench/report.md'"

# --- prereqs.sh: with five programs hidden from PATH (which holds links to
# all the others) every missing package is named at once, before anything
# is downloaded or built; as root on Debian just those are installed. The
# apt-get is tests/fakes/apt-get, which logs what it is asked.
mkdir -p "$tmp/path" "$tmp/hidden" "$tmp/home"
for d in /usr/local/bin /usr/bin /bin /usr/sbin /sbin; do
	ln -s "$d"/* "$tmp/path/" 2>/dev/null
done
for p in ccache flex spatch python3 qemu-system-x86_64; do
	mv "$tmp/path/$p" "$tmp/hidden/"
done
rm -f "$tmp/path/apt-get"
printf 'ID=debian\n' > "$tmp/debian"
printf 'ID=fedora\nID_LIKE="rhel centos"\n' > "$tmp/fedora"
pq=(env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS PATH="$tmp/path" HOME="$tmp/home"
	SHRINKER_CACHE="$tmp/pcache" BUILD="$tmp/pbuild" PREREQS_APT_GET="$F/apt-get"
	FAKE_APT_LOG="$tmp/apt.log" FAKE_APT_FROM="$tmp/hidden" FAKE_APT_TO="$tmp/path")
want="apt-get install -y --no-install-recommends ccache coccinelle flex python3 qemu-system-x86"

# stops_naming_hidden COMMAND...: within 10 s COMMAND fails, naming the five
# packages and no other, with one command that installs them all.
stops_naming_hidden() {
	local out
	if out=$(timeout 10 "$@" 2>&1); then
		echo "$out"
		echo "succeeded, but should have failed: $*"
		return 1
	fi
	echo "$out" | grep -q "error: 5 of the [0-9]* packages this project needs are missing:" &&
		echo "$out" | grep -qF "$want" || { echo "$out"; echo "missing: $want"; return 1; }
}
t prereqs-names-all-missing stops_naming_hidden "${pq[@]}" PREREQS_AS_ROOT=0 \
	PREREQS_OS_RELEASE="$tmp/debian" "$S/prereqs.sh"
t make-stops-naming-all-missing stops_naming_hidden "${pq[@]}" PREREQS_AS_ROOT=0 \
	PREREQS_OS_RELEASE="$tmp/debian" make -C "$TOP"
t make-check-stops-naming-all-missing stops_naming_hidden "${pq[@]}" PREREQS_AS_ROOT=0 \
	PREREQS_OS_RELEASE="$tmp/debian" make -C "$TOP" check
t prereqs-other-distribution fails_with "this is not Debian or Ubuntu" "${pq[@]}" \
	PREREQS_AS_ROOT=1 PREREQS_OS_RELEASE="$tmp/fedora" "$S/prereqs.sh"
t prereqs-nothing-downloaded-built-installed sh -c "[ ! -e '$tmp/pcache' ] && [ ! -e '$tmp/pbuild' ] &&
	[ -z \"\$(ls -A '$tmp/home')\" ] && [ ! -e '$tmp/apt.log' ]"
t prereqs-bad-root-flag fails_with "PREREQS_AS_ROOT wants 1 or 0, not 'yes'" "${pq[@]}" \
	PREREQS_AS_ROOT=yes "$S/prereqs.sh"
t prereqs-install-fails fails_with "'$want' failed" "${pq[@]}" PREREQS_AS_ROOT=1 \
	PREREQS_OS_RELEASE="$tmp/debian" FAKE_APT_FAIL=1 "$S/prereqs.sh"
rm -f "$tmp/apt.log"

# root_installs_missing: as root on Debian, apt-get update once, then install
# just the five, saying which; a second run finds them all.
root_installs_missing() {
	local out lock="-o DPkg::Lock::Timeout=600"
	out=$("${pq[@]}" PREREQS_AS_ROOT=1 PREREQS_OS_RELEASE="$tmp/debian" "$S/prereqs.sh" 2>&1) ||
		{ echo "$out"; return 1; }
	echo "$out"
	echo "$out" | grep -q "installing them: apt-get update, then $want" &&
	echo "$out" | grep -q "all [0-9]* packages are installed" &&
	printf 'update -q %s\ninstall -y -q %s --no-install-recommends %s\n' "$lock" "$lock" \
		"ccache coccinelle flex python3 qemu-system-x86" | diff - "$tmp/apt.log" &&
	"${pq[@]}" PREREQS_AS_ROOT=1 PREREQS_OS_RELEASE="$tmp/debian" "$S/prereqs.sh" &&
	[ "$(wc -l < "$tmp/apt.log")" = 2 ]
}
t prereqs-root-installs-just-the-missing root_installs_missing

# --- progress: a kernel build (tests/fakes/kernel, a stand-in for kbuild)
# and a boot (tests/fakes/bin/qemu-system-x86_64) say what they are doing,
# a line a second here.
# kernel_build_says TEXT: the build succeeds with a progress line of TEXT,
# a line as it starts and as it ends, and kbuild's output in the log.
kernel_build_says() {
	local out
	out=$(env PROGRESS_SECONDS=1 JOBS=1 "$S/build-kernel.sh" debug "$F/kernel" "$tmp/kout" 2>&1) ||
		{ echo "$out"; return 1; }
	echo "$out"
	echo "$out" | grep -q "^>>> building debug kernel (1 jobs; kbuild's output in $tmp/kout/build.log)" &&
	echo "$out" | grep -q "^>>> debug kernel: $1 after [0-9]*s; now: CC obj[0-9].o" &&
	echo "$out" | grep -q "^>>> built debug kernel in [0-9]*s: $tmp/kout/arch/x86/boot/bzImage" &&
	grep -q "^  CC      obj6.o" "$tmp/kout/build.log"
}
t build-kernel-progress kernel_build_says "[1-6] objects"
t build-kernel-progress-of-total kernel_build_says "[1-6] of ~6 objects ([0-9]*%)"
# kernel_build_fails: with a compiler error, the build fails showing it and
# naming the log.
kernel_build_fails() {
	local out
	if out=$(env FAIL=1 PROGRESS_SECONDS=1 JOBS=1 "$S/build-kernel.sh" debug "$F/kernel" "$tmp/kout" 2>&1); then
		echo "$out"
		echo "succeeded, but should have failed"
		return 1
	fi
	echo "$out"
	echo "$out" | grep -q "^obj3.c:1:1: error: expected" &&
	echo "$out" | grep -q "did not build (after [0-9]*s); kbuild's output is in $tmp/kout/build.log"
}
t build-kernel-failure kernel_build_fails
t progress-bad-seconds fails_with "PROGRESS_SECONDS wants a positive number of seconds, not '0'" \
	env PROGRESS_SECONDS=0 "$S/build-kernel.sh" debug "$F/kernel" "$tmp/kout2"

# boot_says: the boot passes, saying which suite and test runs, and which
# test it is still in.
boot_says() {
	local out s
	touch "$tmp/bzImage" "$tmp/initramfs.cpio"
	out=$(PATH="$F/bin:$PATH" PROGRESS_SECONDS=1 "$S/run-qemu.sh" "$tmp/bzImage" \
		"$tmp/initramfs.cpio" "$tmp/boot" 2>&1) || { echo "$out"; return 1; }
	for s in "guest: KUnit at boot: suite shrinker, after" "guest: kernel up, /init started, after" \
		 "guest: test 1 of 2 (alpha), after" "guest: test 2 of 2 (beta), after" \
		 "guest: still in test 2 of 2 (beta), after" "guest finished after" "^4 passed, 0 failed"; do
		echo "$out" | grep -q -- "$s" || { echo "$out"; echo "missing: $s"; return 1; }
	done
}
t run-qemu-progress boot_says
# A KUnit suite that was expected at boot and did not run fails the boot.
suites_declared() {
	local out
	out=$(PATH="$F/bin:$PATH" KUNIT_SUITES="shrinker:1 slab_dtor:7" "$S/run-qemu.sh" \
		"$tmp/bzImage" "$tmp/initramfs.cpio" "$tmp/boot" 2>&1) && { echo "$out"; return 1; }
	echo "$out" | grep -q "^ok - KUnit suite shrinker ran 1 cases" &&
	echo "$out" | grep -q "^not ok - KUnit suite slab_dtor did not run to its end at boot" ||
		{ echo "$out"; return 1; }
}
t run-qemu-missing-kunit-suite suites_declared
# NODES: the guest gets the nodes, and a kernel that brings up fewer fails.
numa_nodes() {
	local out
	out=$(PATH="$F/bin:$PATH" NODES=2 "$S/run-qemu.sh" "$tmp/bzImage" \
		"$tmp/initramfs.cpio" "$tmp/boot" 2>&1) || { echo "$out"; return 1; }
	echo "$out" | grep -q "^ok - NUMA: the kernel brought up 2 nodes" || { echo "$out"; return 1; }
	out=$(PATH="$F/bin:$PATH" NODES=2 FAKE_NODES=1 "$S/run-qemu.sh" "$tmp/bzImage" \
		"$tmp/initramfs.cpio" "$tmp/boot" 2>&1) && { echo "$out"; return 1; }
	echo "$out" | grep -q "^not ok - NUMA: the kernel brought up 1 nodes of 2" || { echo "$out"; return 1; }
}
t run-qemu-numa-nodes numa_nodes
t run-qemu-bad-nodes fails_with "NODES=two: say how many NUMA nodes, 1 or more" \
	env PATH="$F/bin:$PATH" NODES=two "$S/run-qemu.sh" "$tmp/bzImage" "$tmp/initramfs.cpio" "$tmp/boot"
t run-qemu-nodes-without-cpus fails_with "NODES=3 needs SMP=3 or more vCPUs (SMP=2)" \
	env PATH="$F/bin:$PATH" NODES=3 "$S/run-qemu.sh" "$tmp/bzImage" "$tmp/initramfs.cpio" "$tmp/boot"

# --- base-fails.sh: each test's result on the base against its expected
# outcome; a fix's test that passes there, or a test that did not run, fails.
base_ktap() {
	printf '%s\n' "TAP version 13" "1..1" "# 1..2" "# ok 1 debugfs.scan_valid" \
		"# $1 2 debugfs.scan_unknown_memcg" "not ok 1 shrinker_debugfs" > "$tmp/base.ktap"
	printf '%s\n' "# test on the base" "debugfs.scan_valid pass" \
		"debugfs.scan_unknown_memcg fail  rejected" > "$tmp/outcomes"
}
base_judged() {
	local out
	base_ktap "not ok"
	out=$(BASE_KTAP=$tmp/base.ktap BASE_OUTCOMES=$tmp/outcomes "$S/base-fails.sh" 2>&1) ||
		{ echo "$out"; return 1; }
	echo "$out" | grep -q "^ok 2 - debugfs.scan_unknown_memcg: fails on the base, as it should" ||
		{ echo "$out"; return 1; }
}
t base-fails-as-it-should base_judged
base_ktap ok
t base-fails-fix-passes fails_with "not ok 2 - debugfs.scan_unknown_memcg: passes on the base, where it should fail" \
	env BASE_KTAP="$tmp/base.ktap" BASE_OUTCOMES="$tmp/outcomes" "$S/base-fails.sh"
base_unlisted() {
	base_ktap "not ok"
	echo "debugfs.scan_frees pass" >> "$tmp/outcomes"
	fails_with "not ok 3 - debugfs.scan_frees: did not run on the base" \
		env BASE_KTAP="$tmp/base.ktap" BASE_OUTCOMES="$tmp/outcomes" "$S/base-fails.sh"
}
t base-fails-missing-test base_unlisted

# --- test-kinds.sh: results by kind, a test run twice counted once.
kinds_counted() {
	local d=$tmp/kinds out
	mkdir -p "$d"
	printf '%s\n' "ok 1 alloc # 0.1 s" "1 passed, 0 failed" "ok 1 alloc # 0.2 s" \
		"1 passed, 0 failed" > "$d/harness.log"
	printf '%s\n' "[1] ====== shrinker (1 subtests) ======" "[1] [PASSED] shrinker_test_a" \
		"[1] ====== [PASSED] shrinker ======" "[1] ====== list (1 subtests) ======" \
		"[1] [PASSED] list_test_b" "[1] ====== [PASSED] list ======" > "$d/kunit.log"
	printf '%s\n' "# ok 1 fixture.one" "# ok 2 fixture.two" "ok 1 prog" "# ok 1 lkdtm-warning" \
		"ok 2 runner-expected-splat" "# KUnit at boot:" "#     ok 1 shrinker_test_a" \
		"# ok 1 shrinker" "ok - KUnit suite shrinker ran 1 cases" \
		"ok - boot: no splat, guest finished" > "$d/boot-x.log"
	printf '%s\n' "1..2" "ok 1 0001-a.patch" "ok 2 0002-b.patch" > "$d/checkpatch.log"
	printf '%s\n' "ok 1 x" "ok 2 y" > "$d/tools.log"
	out=$("$S/test-kinds.sh" "$d") || return 1
	[ "$out" = "series 7 5
upstream 1 1
lint 2 2
tooling 4 4
all 14" ] || { echo "$out"; return 1; }
}
t test-kinds-counted kinds_counted
t test-kinds-no-logs fails_with "test-kinds: no directory $tmp/none" "$S/test-kinds.sh" "$tmp/none"

# --- mkinitramfs.sh: TREES puts host files and trees where asked, leaves
# out the names of TREE_EXCLUDE at any depth, copies what links point to,
# and brings the libraries of the ELF programs among them.
trees_packed() {
	local d=$tmp/tree list lib
	mkdir -p "$d/sub/skip" "$d/sub/keep"
	echo one > "$d/one.conf"
	echo kept > "$d/sub/keep/kept.py"
	echo compiled > "$d/sub/keep/kept.pyc"
	echo skipped > "$d/sub/skip/x"
	ln -s keep/kept.py "$d/sub/link.py"
	cp "$(readlink -f /bin/true)" "$d/sub/keep/prog"
	lib=$(ldd "$d/sub/keep/prog" | awk '/libc\.so/ { print $3 }')
	TREES="$d/sub:/opt/sub $d/one.conf:/etc/one.conf" TREE_EXCLUDE="skip *.pyc" \
		"$S/mkinitramfs.sh" "$tmp/trees.cpio" || return 1
	list=$(cpio -it --quiet < "$tmp/trees.cpio") || return 1
	for f in opt/sub/keep/kept.py opt/sub/keep/prog etc/one.conf "${lib#/}" init bin/busybox; do
		echo "$list" | grep -qx "$f" || { echo "missing: $f"; return 1; }
	done
	for f in opt/sub/skip opt/sub/keep/kept.pyc; do
		! echo "$list" | grep -qx "$f" || { echo "not left out: $f"; return 1; }
	done
	cpio -iv --quiet --to-stdout opt/sub/link.py < "$tmp/trees.cpio" 2>/dev/null | grep -qx kept ||
		{ echo "opt/sub/link.py is not a copy of what it points to"; return 1; }
}
t mkinitramfs-trees trees_packed
t mkinitramfs-trees-relative fails_with "the guest path of $tmp must be absolute, not 'opt'" \
	env TREES="$tmp:opt" "$S/mkinitramfs.sh" "$tmp/bad.cpio"

exit $failed
