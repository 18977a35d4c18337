#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kernel.sh FLAVOUR SRC OUT: build an x86_64 guest kernel from the
# tree SRC in the build directory OUT. FLAVOUR is "debug" or "perf": the
# config is tinyconfig + configs/x86_64.config + configs/x86_64-FLAVOUR.config
# (+ x86_64-FLAVOUR-series.config unless BASE_ONLY=1, + the fragments named
# in EXTRA_CONFIG, if any), merged with the kernel's own merge_config.sh.
# Compiles through ccache. Prints a line as it starts and ends, and while
# it builds how many objects it has built (every PROGRESS_SECONDS);
# kbuild's full output goes to OUT/build.log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavour=${1:?usage: build-kernel.sh debug|perf SRC OUT}
src=${2:?usage: build-kernel.sh debug|perf SRC OUT}
out=${3:?usage: build-kernel.sh debug|perf SRC OUT}
frags=("$TOP/configs/x86_64.config" "$TOP/configs/x86_64-$flavour.config")
[ -f "${frags[1]}" ] || die "unknown flavour '$flavour': configs/ has no x86_64-$flavour.config"
# Options of the series itself, unless the base alone is built.
series_frag=$TOP/configs/x86_64-$flavour-series.config
[ -n "${BASE_ONLY:-}" ] || [ ! -f "$series_frag" ] || frags+=("$series_frag")
# More options, for one build (the base with the series' tc options, say).
for f in ${EXTRA_CONFIG:-}; do
	[ -f "$f" ] || die "EXTRA_CONFIG: no config fragment $f"
	frags+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
done
[ -f "$src/Makefile" ] || die "$src is not a kernel tree"
need ccache ccache
need flex flex
need bison bison
need bc bc
pkg-config --exists libelf 2>/dev/null || [ -f /usr/include/libelf.h ] ||
	die "libelf headers not found: install them with 'apt-get install libelf-dev'"

mkdir -p "$out"
out=$(cd "$out" && pwd)
jobs=${JOBS:-$(nproc)}
# A fixed timestamp, user and host keep init/version.o (and so vmlinux)
# the same from build to build, which ccache rewards.
kmake=(make -C "$src" O="$out" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc"
	KBUILD_BUILD_TIMESTAMP="2000-01-01" KBUILD_BUILD_USER=shrinker KBUILD_BUILD_HOST=series)
start=$(date +%s)

note "configuring $flavour kernel in $out"
"${kmake[@]}" -s tinyconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "${frags[@]}" >"$out/.merge_config.log" 2>&1
"${kmake[@]}" -s olddefconfig >/dev/null

# Kconfig drops what it cannot satisfy without a word: say so, and stop.
bad=0
while read -r line; do
	case "$line" in
	CONFIG_*=*) sym=${line%%=*} ;;
	"# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *} ;;
	*) continue ;;
	esac
	got=$(grep -E "^$sym=|^# $sym is not set" "$out/.config" || echo "# $sym is not set")
	if [ "$got" != "$line" ]; then
		echo "config: asked for '$line', got '$got'" >&2
		bad=1
	fi
done < <(cat "${frags[@]}")
[ $bad = 0 ] || die "the $flavour config fragments do not hold (see above): fix configs/"

log=$out/build.log
note "building $flavour kernel ($jobs jobs; kbuild's output in $log)"
targets=(bzImage)
grep -q '^CONFIG_MODULES=y' "$out/.config" && targets+=(modules)
progress_start "$flavour kernel" "$out" "$log"
rc=0
"${kmake[@]}" -j"$jobs" "${targets[@]}" >"$log" 2>&1 || rc=$?
progress_stop
if [ $rc != 0 ]; then
	# The errors, or else the end of kbuild's output.
	errors=$(grep -E -A3 'error:|undefined reference|\*\*\*' "$log" | head -n 60) || true
	echo "${errors:-$(tail -n 20 "$log")}" >&2
	die "the $flavour kernel did not build (after $(elapsed "$start")); kbuild's output is in $log"
fi
# What "make -s" showed: the compilers' warnings.
grep -E -A3 'warning:' "$log" | head -n 60 >&2 || true
note "built $flavour kernel in $(elapsed "$start"): $out/arch/x86/boot/bzImage"
