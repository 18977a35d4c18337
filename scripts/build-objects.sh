#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-objects.sh SRC OUT [RANGE]: compile the object of every C file that
# the commits RANGE of the tree SRC touch (default base..HEAD: the whole
# series), one KTAP result per object. Each object is built with the
# configuration that selects it, in a build directory of its own:
#
#   arch/powerpc, arch/sparc, arch/sh   that architecture's allmodconfig,
#   (and fs/openpromfs: sparc)          with Debian's cross compiler ($OUT-ARCH)
#   mm/slab.o, mm/slob.o                x86_64 tinyconfig with SLAB or SLOB,
#                                       the allocators allmodconfig leaves out
#                                       ($OUT-slab, $OUT-slob)
#   anything else                       x86_64 allmodconfig (COMPILE_TEST,
#                                       WERROR) + configs/allmod.config ($OUT)
#
# A range that touches only headers builds the mm/ shrinker objects, which
# include them all. A missing cross compiler fails, naming its package.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=${1:?usage: build-objects.sh SRC OUT [RANGE]}
out=${2:?usage: build-objects.sh SRC OUT [RANGE]}
range=${3:-base..HEAD}
need ccache ccache
mkdir -p "$out"
out=$(cd "$out" && pwd)

# touched_objects: the .o of each kernel C file the series changes.
mapfile -t objects < <(git -C "$src" diff --name-only --diff-filter=AM "$range" -- '*.c' |
	grep -v -e '^tools/' -e '^scripts/' -e '^samples/' -e '^Documentation/' |
	sed 's/\.c$/.o/')
if [ ${#objects[@]} = 0 ]; then
	objects=(mm/vmscan.o)
	[ ! -f "$src/mm/shrinker.c" ] || objects+=(mm/shrinker.o)
fi

# flavour OBJECT: the configuration that builds OBJECT.
flavour() {
	case "$1" in
	arch/powerpc/*) echo powerpc ;;
	arch/sparc/*|fs/openpromfs/*) echo sparc ;;
	arch/sh/*) echo sh ;;
	mm/slab.o) echo slab ;;
	mm/slob.o) echo slob ;;
	*) echo x86 ;;
	esac
}

# kmake FLAVOUR ARGS...: make in the build directory of FLAVOUR.
kmake() {
	local f=$1 dir=$out arch=x86_64 cross=
	shift
	case "$f" in
	powerpc) arch=powerpc cross=powerpc64-linux-gnu- ;;
	sparc) arch=sparc cross=sparc64-linux-gnu- ;;
	sh) arch=sh cross=sh4-linux-gnu- ;;
	esac
	[ "$f" = x86 ] || dir=$out-$f
	make -s -C "$src" O="$dir" ARCH=$arch CROSS_COMPILE="$cross" \
		CC="ccache ${cross}gcc" HOSTCC="ccache gcc" -j"${JOBS:-$(nproc)}" "$@"
}

# prepare FLAVOUR: configure and prepare its build directory, once.
prepare() {
	local f=$1 dir=$out stamp rc=0 start
	[ "$f" = x86 ] || dir=$out-$f
	mkdir -p "$dir"
	stamp=$(cat "$TOP/configs/allmod.config"; echo "$f")
	[ -f "$dir/include/generated/autoconf.h" ] && [ "$(cat "$dir/.flavour" 2>/dev/null)" = "$stamp" ] &&
		return 0
	case "$f" in
	powerpc) need powerpc64-linux-gnu-gcc gcc-powerpc64-linux-gnu ;;
	sparc) need sparc64-linux-gnu-gcc gcc-sparc64-linux-gnu ;;
	sh) need sh4-linux-gnu-gcc gcc-sh4-linux-gnu ;;
	esac
	note "$f: configuring and preparing $dir"
	start=$(date +%s)
	case "$f" in
	x86) kmake x86 KCONFIG_ALLCONFIG="$TOP/configs/allmod.config" allmodconfig >/dev/null ;;
	slab|slob)
		kmake "$f" tinyconfig >/dev/null
		echo "CONFIG_$(echo "$f" | tr a-z A-Z)=y" > "$dir/.allocator.config"
		"$src/scripts/kconfig/merge_config.sh" -m -O "$dir" "$dir/.config" \
			"$dir/.allocator.config" >/dev/null 2>&1
		kmake "$f" olddefconfig >/dev/null
		grep -q "^CONFIG_$(echo "$f" | tr a-z A-Z)=y" "$dir/.config" ||
			die "$f: tinyconfig did not take CONFIG_$(echo "$f" | tr a-z A-Z)=y"
		;;
	*) kmake "$f" allmodconfig >/dev/null ;;
	esac
	progress_start "$f prepare" "$dir"
	kmake "$f" prepare >/dev/null || rc=$?
	progress_stop
	[ $rc = 0 ] || die "$f: prepare failed in $dir (after $(elapsed "$start"))"
	echo "$stamp" > "$dir/.flavour"
	note "$f: prepared in $(elapsed "$start")"
}

for o in "${objects[@]}"; do
	prepare "$(flavour "$o")"
done

# Each flavour's objects in one make, which pays kbuild's start-up once and
# keeps both cores busy; -k goes on past an object that fails. An object is
# built if make left it there (stale ones are removed first).
declare -A logs
for f in $(for o in "${objects[@]}"; do flavour "$o"; done | sort -u); do
	dir=$out
	[ "$f" = x86 ] || dir=$out-$f
	mine=()
	for o in "${objects[@]}"; do
		[ "$(flavour "$o")" = "$f" ] || continue
		rm -f "$dir/$o"
		mine+=("$o")
	done
	note "$f: building ${#mine[@]} objects"
	logs[$f]=$(kmake "$f" -k "${mine[@]}" 2>&1) || true
done

ktap_plan ${#objects[@]}
for o in "${objects[@]}"; do
	f=$(flavour "$o")
	dir=$out
	[ "$f" = x86 ] || dir=$out-$f
	rc=0
	[ -f "$dir/$o" ] || rc=1
	ktap_result "$o ($f)" $rc "$(echo "${logs[$f]}" | grep -F "${o%.o}." | tail -n 30)"
done
exit $ktap_failed
