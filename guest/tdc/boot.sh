#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# boot.sh BZIMAGE KERNEL_TREE LOGDIR: run tdc, the kernel's tc test suite,
# on its action categories gact and mirred, in a guest of its own: write an
# initramfs (LOGDIR/initramfs.cpio) of the usual guest plus python3 with the
# part of its standard library a script like tdc uses, tc and ip, tdc's own
# files from KERNEL_TREE's tools/testing/selftests/tc-testing with
# guest/tdc/tdc_config_local.py, and the guest test guest/tdc/tdc; then boot
# BZIMAGE with it (scripts/run-qemu.sh, which judges the run) with KUnit off
# (kunit.enable=0: the other boots run the suites) and run that test alone.
# The kernel needs the options of configs/x86_64-debug-series.config that
# tdc's comment there names. APPEND adds kernel arguments, as for run-qemu.sh.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/lib.sh"

usage="usage: boot.sh BZIMAGE KERNEL_TREE LOGDIR"
kernel=${1:?$usage}
tree=${2:?$usage}
logdir=${3:?$usage}
tdc=$tree/tools/testing/selftests/tc-testing
[ -f "$tdc/tdc.py" ] || die "$tree has no tdc ($tdc/tdc.py)"
[ -x /usr/bin/python3 ] || die "no /usr/bin/python3: install it with 'apt-get install python3'"
stdlib=$(/usr/bin/python3 -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')

trees="$stdlib $top/guest/tdc/tdc:/tests/tdc $top/guest/tdc/tdc_config_local.py:/tdc/tdc_config_local.py"
for f in tdc.py tdc_helper.py TdcPlugin.py TdcResults.py tdc_config.py plugin-lib plugins \
	tc-tests/actions/gact.json tc-tests/actions/mirred.json; do
	trees+=" $tdc/$f:/tdc/$f"
done
# What of the standard library a guest script has no use for (the tests,
# IDLE and Tk, pip's installer, 2to3, pydoc's topics, the static
# libpython of config-*, compiled files, third-party packages), and the
# big packages tdc does not import (mail, XML, HTTP, asyncio, ...).
exclude="test idlelib tkinter turtledemo turtle.py ensurepip lib2to3 pydoc_data
	config-3* __pycache__ site-packages dist-packages
	asyncio concurrent ctypes curses dbm distutils email html http lib2to3 multiprocessing
	sqlite3 tomllib unittest venv wsgiref xml xmlrpc zoneinfo _pydecimal.py pydoc.py
	_test*.so _ctypes*.so _curses*.so _dbm*.so _sqlite3*.so _ssl*.so _hashlib*.so _tkinter*.so
	_codecs_*.so audioop*.so nis*.so ossaudiodev*.so readline*.so xxlimited*.so _xx*.so"

mkdir -p "$logdir"
initramfs=$logdir/initramfs.cpio
# bash: the batch cases of gact and mirred run "bash -c" loops.
TREES=$trees TREE_EXCLUDE=$exclude "$top/scripts/mkinitramfs.sh" "$initramfs" /usr/bin/python3 tc ip bash
APPEND="kunit.enable=0 ${APPEND:-}" "$top/scripts/run-qemu.sh" "$kernel" "$initramfs" "$logdir" tdc
