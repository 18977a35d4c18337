#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh OUT [HOST_PROGRAM...]: write the guest's initramfs (a newc
# cpio) to OUT: busybox-static, guest/init, the test programs of guest/tests
# and of $TEST_DIRS (directories of built test programs), and the named
# host programs with the shared libraries they need.
#
# $TREES adds host files and directory trees: each word is HOST_PATH (put
# at the same path in the guest) or HOST_PATH:GUEST_PATH. Symbolic links
# in them are copied as what they point to, names matching one of the
# globs of $TREE_EXCLUDE are left out at any depth (directories with all
# they hold), and the shared libraries their programs and *.so files need
# come along, as for host programs. (guest/tdc/boot.sh puts python3 and
# its standard library in this way.)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=${1:?usage: mkinitramfs.sh OUT [HOST_PROGRAM...]}
shift
need cpio cpio
[ -x /bin/busybox ] && file_is_static=$(ldd /bin/busybox 2>&1 | grep -c 'not a dynamic' || true)
[ "${file_is_static:-0}" = 1 ] ||
	die "a static /bin/busybox is needed: install it with 'apt-get install busybox-static'"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,tests,proc,sys,dev,tmp,mnt,root,etc}
cp /bin/busybox "$root/bin/busybox"
cp "$TOP/guest/init" "$root/init"
cp "$TOP"/guest/tests/* "$root/tests/"
for d in ${TEST_DIRS:-}; do
	cp -r "$d"/. "$root/tests/"
done

# copy_libs FILE: the shared libraries FILE needs go where ld.so finds
# them, so that the guest runs it as the host does.
copy_libs() {
	{ ldd "$1" 2>/dev/null || true; } | awk '/=>/ { print $3 } /^\t\// { print $1 }' | while read -r lib; do
		if [ ! -f "$lib" ] || [ -e "$root$lib" ]; then
			continue
		fi
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# Host programs go to /usr/bin.
for prog in "$@"; do
	path=$(command -v "$prog") || die "host program '$prog' not found; install the package that has it"
	path=$(readlink -f "$path")
	mkdir -p "$root/usr/bin"
	cp "$path" "$root/usr/bin/$(basename "$prog")"
	copy_libs "$path"
done

excludes=()
for x in ${TREE_EXCLUDE:-}; do
	excludes+=("--exclude=$x")
done
for t in ${TREES:-}; do
	src=${t%%:*} dest=${t#*:}
	[ "$dest" != "$t" ] || dest=$src
	[ -e "$src" ] || die "TREES: no such file or directory: $src"
	case "$dest" in
	/*) ;;
	*) die "TREES: the guest path of $src must be absolute, not '$dest'" ;;
	esac
	mkdir -p "$root$(dirname "$dest")"
	if [ -d "$src" ]; then
		mkdir -p "$root$dest"
		tar -C "$src" -ch "${excludes[@]}" . | tar -C "$root$dest" -x
	else
		cp -L "$src" "$root$dest"
	fi
	# The programs and shared objects among them, and what they need.
	find "$root$dest" -type f \( -name '*.so' -o -name '*.so.*' -o -perm -u+x \) -print0 |
		while IFS= read -r -d '' f; do
			[ "$(head -c 4 "$f")" != $'\177ELF' ] || copy_libs "$f"
		done
done

(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc --reproducible) > "$out.tmp"
mv "$out.tmp" "$out"
note "initramfs $out ($(du -h "$out" | cut -f1))"
