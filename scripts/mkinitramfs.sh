#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh OUT [HOST_PROGRAM...]: write the guest's initramfs (a newc
# cpio) to OUT: busybox-static, guest/init, the test programs of guest/tests
# and of $TEST_DIRS (directories of built test programs), and the named
# host programs with the shared libraries they need.
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

# Host programs keep their paths, and their libraries go where ld.so finds
# them, so that the guest runs them as the host does.
for prog in "$@"; do
	path=$(command -v "$prog") || die "host program '$prog' not found; install the package that has it"
	path=$(readlink -f "$path")
	mkdir -p "$root/usr/bin"
	cp "$path" "$root/usr/bin/$(basename "$prog")"
	ldd "$path" 2>/dev/null | awk '/=>/ { print $3 } /^\t\// { print $1 }' | while read -r lib; do
		[ -f "$lib" ] || continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
done

(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc --reproducible) > "$out.tmp"
mv "$out.tmp" "$out"
note "initramfs $out ($(du -h "$out" | cut -f1))"
