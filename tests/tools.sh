#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-tests of the tooling in scripts/: the log judges on canned logs, and
# the series workflow (tree, export, apply, fetch) on a tiny git tree with
# bad input of each kind. Runs in seconds; prints KTAP.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
S=$TOP/scripts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SHRINKER_CACHE=$tmp/cache BUILD=$tmp/build
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
echo "1..33"

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

# --- ktap-summary.sh
log "TAP version 13" "1..2" "# 1..2" "# ok 1 a" "# ok 2 b" "ok 1 prog" "ok 2 single"
t ktap-leaves-counted sh -c "'$S/ktap-summary.sh' '$tmp/log' | grep -qx '3 passed, 0 failed, 0 skipped'"
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
t bench-bad-input-leaves-nothing sh -c "[ ! -e '$BUILD/bench' ]"
t fetch-rival-bad-argument fails_with "usage: fetch-base.sh" "$S/fetch-base.sh" bogus

# --- bench-report.py: a report from the results of a real run (the README's latest)
cp -r "$TOP/tests/bench-fixture" "$tmp/bench"
t bench-report sh -c "python3 '$S/bench-report.py' '$tmp/bench' &&
	grep -q '^## 5. Memcg walk scaling' '$tmp/bench/report.md' &&
	grep -q '^| 3 | freed per pass' '$tmp/bench/summary.md' &&
	[ \"\$(head -c 4 '$tmp/bench/ratios.png' | tail -c 3)\" = PNG ]"
t bench-report-no-results fails_with "usage: bench-report.py" python3 "$S/bench-report.py" "$tmp"

exit $failed
