#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh [--quick] [--rounds N] [--build-only] [KERNEL...]: the
# benchmarks (make bench).
#
# KERNELs are "base" (the pinned 6.1 base), "series" (the base with
# patches/), "series-nomnt" (the series with its mnt_cache patch reverted,
# so that workload 2 shows what the mount destructor does) and "rival"
# (upstream 6.12 as Debian ships it, pinned in base.env); all four by
# default. Each is built with the same perf config
# fragments, the benchmark module (bench/module) is built against each,
# and all boot the same guest, whose bench/guest/shrinker-bench runs the
# workloads. Rounds interleave the kernels (base series rival base ...),
# so that drift of the host hits all alike.
#
# Results go to build/bench/results/DATE/ (build/bench/latest points to the
# last one): results.csv (round,kernel,workload,metric,value), meta.txt
# (host, QEMU, kernels, knobs), each kernel's .config (config-KERNEL),
# report.md, summary.md, ratios.png, and every boot's logs.
#
# Knobs (environment): ROUNDS (5), SMP (vCPUs, 2), MEM (2G), ACCEL (tcg),
# and the workloads' BENCH_* (defaults below). --quick is one round with
# small sizes, for developers: a few minutes once the kernels are built.
# --build-only builds the kernels, their modules and the guest, and stops.
# Every tree and build directory is under build/bench.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: bench.sh [--quick] [--rounds N] [--build-only] [base|series|series-nomnt|rival ...]" >&2
	exit 2
}

quick= build_only=
rounds=${ROUNDS:-}
kernels=()
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) quick=1 ;;
	--build-only) build_only=1 ;;
	--rounds) [ $# -ge 2 ] || usage; rounds=$2; shift ;;
	--rounds=*) rounds=${1#*=} ;;
	base|series|series-nomnt|rival) kernels+=("$1") ;;
	*) echo "error: unknown argument '$1'" >&2; usage ;;
	esac
	shift
done
[ ${#kernels[@]} -gt 0 ] || kernels=(base series series-nomnt rival)
[ -n "$rounds" ] || { [ -n "$quick" ] && rounds=1 || rounds=5; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--rounds wants a positive number, not '$rounds'"
smp=${SMP:-2} mem=${MEM:-2G}
[[ "$smp" =~ ^[1-9][0-9]*$ ]] || die "SMP wants a positive number of vCPUs, not '$smp'"

# The workloads' knobs (see bench/guest/shrinker-bench), here and only here.
# Lists are comma-separated.
if [ -n "$quick" ]; then
	: "${BENCH_MEMCGS:=100}" "${BENCH_RAMFS_SECONDS:=3}" "${BENCH_STORM_SECONDS:=2}"
	: "${BENCH_MOUNT_CYCLES:=20}" "${BENCH_WALK_MEMCGS:=50}" "${BENCH_WALK_SHRINKERS:=100,1000}"
	: "${BENCH_SLAB_OPS:=100000}" "${BENCH_TC_FILTERS:=300}" "${BENCH_TC_ROUNDS:=3}"
	: "${BENCH_GLOBAL_SHRINKERS:=100,10000}" "${BENCH_GLOBAL_PASSES:=5}"
	: "${BENCH_LRU_OPS:=100000}"
fi
: "${BENCH_WORKLOADS:=7,9,6,2,3,4,8,5,1}" "${BENCH_CPUS:=$smp}" "${BENCH_MEMCGS:=1000}"
: "${BENCH_RAMFS_SECONDS:=10}" "${BENCH_STORM_SECONDS:=5}" "${BENCH_POOL:=100000}"
: "${BENCH_SLOW_MS:=200}" "${BENCH_MOUNT_CYCLES:=40}" "${BENCH_WALK_MEMCGS:=100}"
: "${BENCH_WALK_SHRINKERS:=100,1000,10000,100000}" "${BENCH_SLAB_OPS:=1000000}"
: "${BENCH_TC_FILTERS:=1000}" "${BENCH_TC_ROUNDS:=5}"
: "${BENCH_GLOBAL_SHRINKERS:=100,1000,10000,100000}" "${BENCH_GLOBAL_PASSES:=20}"
: "${BENCH_W1_IDS:=0}" "${BENCH_LRU_OPS:=1000000}"
knobs=()
for v in WORKLOADS CPUS MEMCGS RAMFS_SECONDS STORM_SECONDS POOL SLOW_MS MOUNT_CYCLES \
	 WALK_MEMCGS WALK_SHRINKERS SLAB_OPS TC_FILTERS TC_ROUNDS GLOBAL_SHRINKERS GLOBAL_PASSES \
	 W1_IDS LRU_OPS; do
	val=$(eval echo "\$BENCH_$v")
	[[ "$val" =~ ^[0-9][0-9,]*$ ]] || die "BENCH_$v='$val': numbers only (lists comma-separated)"
	knobs+=("BENCH_$v=$val")
done

need qemu-system-x86_64 qemu-system-x86
need stress-ng stress-ng
need perf linux-perf
need gnuplot gnuplot-nox
need python3 python3
need tc iproute2
need ip iproute2
[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || die "static glibc not found: install it with 'apt-get install libc6-dev'"

bench=$BUILD/bench
mkdir -p "$bench"

# kernel_src NAME: prepare the source tree of kernel NAME, print its path.
kernel_src() {
	local dir
	case "$1" in
	base)
		dir=$bench/base/src
		mkdir -p "$bench/no-patches"
		PATCHES=$bench/no-patches FORCE=1 "$TOP/scripts/tree.sh" "$dir" >&2
		;;
	series)
		dir=$bench/series/src
		FORCE=1 "$TOP/scripts/tree.sh" "$dir" >&2
		;;
	series-nomnt)
		# The series tree with the one commit reverted; remade only when
		# the series changes, so that kbuild rebuilds what differs.
		local from have commit
		from=$(kernel_src series)
		dir=$bench/series-nomnt/src
		have=$(git -C "$from" rev-parse HEAD)
		if [ "$(cat "$dir/.bench-from" 2>/dev/null)" != "$have" ]; then
			[ -d "$dir/.git" ] || git clone -q --shared --no-checkout "$from" "$dir"
			git -C "$dir" fetch -q "$from" "$have"
			git -C "$dir" checkout -q -f -B nomnt "$have"
			commit=$(git -C "$dir" log --format=%H -F --grep="$NOMNT_SUBJECT" base..HEAD)
			[ -n "$commit" ] && [ "$(echo "$commit" | wc -l)" = 1 ] ||
				die "series-nomnt: the series has no (or more than one) commit '$NOMNT_SUBJECT'"
			git -C "$dir" revert --no-edit "$commit" >/dev/null ||
				die "series-nomnt: '$NOMNT_SUBJECT' does not revert cleanly from the series"
			echo "$have" > "$dir/.bench-from"
		fi
		;;
	rival)
		dir=$bench/rival/src
		"$TOP/scripts/fetch-base.sh" rival >&2
		want=$(git -C "$RIVAL_GIT" rev-parse base^{commit})
		if [ "$(git -C "$dir" rev-parse HEAD 2>/dev/null)" != "$want" ]; then
			rm -rf "$dir"
			git clone -q "$RIVAL_GIT" "$dir"
		fi
		;;
	esac
	echo "$dir"
}

# kernel_obj NAME: its build directory.
kernel_obj() {
	echo "$bench/$1/obj"
}

# The patch series-nomnt leaves out: mnt_cache's destructor (workload 2).
NOMNT_SUBJECT="fs: keep a mount's percpu counters while it is free in mnt_cache"

# The guest: busybox, the workload script and its helper, stress-ng, perf
# and iproute2's tc and ip from the host (busybox has its own tc and ip,
# which the guest's PATH puts after the host's). Each kernel's initramfs is this one with a second
# cpio holding the module built for it appended (the kernel unpacks both).
note "building the benchmark guest"
mkdir -p "$bench/guest"
gcc -O2 -Wall -static -pthread -o "$bench/guest/benchtool" "$TOP/bench/guest/benchtool.c"
cp "$TOP/bench/guest/shrinker-bench" "$bench/guest/"
TEST_DIRS=$bench/guest "$TOP/scripts/mkinitramfs.sh" "$bench/initramfs.cpio" stress-ng perf tc ip

for k in "${kernels[@]}"; do
	src=$(kernel_src "$k")
	obj=$(kernel_obj "$k")
	"$TOP/scripts/build-kernel.sh" perf "$src" "$obj"
	note "building the benchmark module for $k"
	rm -rf "$bench/$k/module" "$bench/$k/modroot"
	mkdir -p "$bench/$k/modroot/bench"
	cp -r "$TOP/bench/module" "$bench/$k/module"
	make -s -C "$obj" M="$bench/$k/module" modules
	cp "$bench/$k/module/shrinker_bench.ko" "$bench/$k/modroot/bench/"
	(cd "$bench/$k/modroot" && find . | LC_ALL=C sort | cpio --quiet -o -H newc --reproducible) |
		cat "$bench/initramfs.cpio" - > "$bench/$k/initramfs.cpio"
	make -s -C "$obj" kernelrelease > "$bench/$k/release"
done
if [ -n "$build_only" ]; then
	note "built: ${kernels[*]} (--build-only: nothing run)"
	exit 0
fi

out=$bench/results/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$out/logs"
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "repository: $(git -C "$TOP" describe --always --dirty 2>/dev/null || echo unknown)"
	echo "host: $(uname -srm); $(nproc) CPUs ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)); $(free -g | awk '/^Mem:/ { print $2 }') GiB"
	echo "qemu: $(qemu-system-x86_64 --version | head -n 1); -machine q35 -cpu max -accel ${ACCEL:-tcg}; $smp vCPUs; $mem"
	echo "rounds: $rounds, kernels interleaved: ${kernels[*]}"
	echo "config: tinyconfig + configs/x86_64.config + configs/x86_64-perf.config (the same fragments for every kernel)"
	for k in "${kernels[@]}"; do
		case "$k" in
		base) what="$BASE_PACKAGE $BASE_VERSION" ;;
		series) what="$BASE_PACKAGE $BASE_VERSION + $(series_patches | wc -l) patches of patches/" ;;
		series-nomnt) what="the series with '$NOMNT_SUBJECT' reverted" ;;
		rival) what="$RIVAL_PACKAGE $RIVAL_VERSION" ;;
		esac
		echo "kernel $k: $(cat "$bench/$k/release") ($what)"
	done
	echo "knobs: ${knobs[*]}"
} > "$out/meta.txt"
for k in "${kernels[@]}"; do
	cp "$(kernel_obj "$k")/.config" "$out/config-$k"
done
cat "$out/meta.txt"

echo "round,kernel,workload,metric,value" > "$out/results.csv"
failed=()
for r in $(seq 1 "$rounds"); do
	for k in "${kernels[@]}"; do
		logs=$out/logs/$r-$k
		start=$(date +%s)
		if SMP=$smp MEM=$mem APPEND="${knobs[*]}" "$TOP/scripts/run-qemu.sh" \
			"$(kernel_obj "$k")/arch/x86/boot/bzImage" "$bench/$k/initramfs.cpio" \
			"$logs" shrinker-bench > "$logs.log" 2>&1; then
			status=ok
		else
			status="FAILED (see $logs.log)"
			failed+=("$r-$k")
		fi
		note "round $r/$rounds, $k: $status, $(($(date +%s) - start)) s"
		sed -n 's/\r$//; s/^# BENCH //p' "$logs/ktap.log" |
			awk -v r="$r" -v k="$k" 'NF == 3 { print r "," k "," $1 "," $2 "," $3 }' >> "$out/results.csv"
	done
done

python3 "$TOP/scripts/bench-report.py" "$out"
ln -sfn "results/$(basename "$out")" "$bench/latest"
note "report: $out/report.md"
[ ${#failed[@]} = 0 ] || die "boots that failed: ${failed[*]}; their figures are missing from the report"
