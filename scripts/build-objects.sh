#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-objects.sh SRC OUT [RANGE]: compile, with x86_64 allmodconfig
# (which has COMPILE_TEST and WERROR; plus configs/allmod.config), the
# object of every C file that the commits RANGE of the tree SRC touch
# (default base..HEAD: the whole series). A range that touches only
# headers builds the mm/ shrinker objects, which include them all. One KTAP
# result per object.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=${1:?usage: build-objects.sh SRC OUT [RANGE]}
out=${2:?usage: build-objects.sh SRC OUT [RANGE]}
range=${3:-base..HEAD}
need ccache ccache
mkdir -p "$out"
out=$(cd "$out" && pwd)
kmake=(make -s -C "$src" O="$out" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc"
	-j"${JOBS:-$(nproc)}")

# touched_objects: the .o of each kernel C file the series changes.
mapfile -t objects < <(git -C "$src" diff --name-only --diff-filter=AM "$range" -- '*.c' |
	grep -v -e '^tools/' -e '^scripts/' -e '^samples/' -e '^Documentation/' |
	sed 's/\.c$/.o/')
if [ ${#objects[@]} = 0 ]; then
	objects=(mm/vmscan.o)
	[ ! -f "$src/mm/shrinker.c" ] || objects+=(mm/shrinker.o)
fi

allconfig=$TOP/configs/allmod.config
if [ ! -f "$out/include/generated/autoconf.h" ] || ! cmp -s "$allconfig" "$out/.allmod.config"; then
	note "allmodconfig (+ configs/allmod.config) and prepare in $out"
	start=$(date +%s)
	"${kmake[@]}" KCONFIG_ALLCONFIG="$allconfig" allmodconfig >/dev/null
	progress_start "allmodconfig prepare" "$out"
	rc=0
	"${kmake[@]}" prepare >/dev/null || rc=$?
	progress_stop
	[ $rc = 0 ] || die "allmodconfig prepare failed in $out (after $(elapsed "$start"))"
	cp "$allconfig" "$out/.allmod.config"
	note "allmodconfig prepared in $(elapsed "$start")"
fi

ktap_plan ${#objects[@]}
for o in "${objects[@]}"; do
	rc=0
	log=$("${kmake[@]}" "$o" 2>&1) || rc=$?
	ktap_result "$o" $rc "$(echo "$log" | tail -n 30)"
done
exit $ktap_failed
