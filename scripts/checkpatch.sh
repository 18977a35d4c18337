#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.sh SRC: run SRC's scripts/checkpatch.pl --strict on every patch
# of the series. Errors, warnings and checks all fail. Prints one KTAP
# result per patch.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=${1:?usage: checkpatch.sh SRC}
need perl perl
# checkpatch runs scripts/spdxcheck.py with the first python3 on PATH; it
# needs Debian's python3-ply and python3-git, so use Debian's python3.
export PATH=/usr/bin:$PATH
/usr/bin/python3 -c 'import ply, git' 2>/dev/null ||
	die "spdxcheck.py needs python3-ply and python3-git: apt-get install python3-ply python3-git"
mapfile -t patches < <(series_patches)

# No checkpatch type is ignored: a patch that adds a file also updates
# the series' MAINTAINERS entry, so even FILE_PATH_CHANGES stays quiet.
ktap_plan ${#patches[@]}
for p in "${patches[@]}"; do
	# Any output at all (errors, warnings, checks) fails the patch.
	out=$(cd "$src" && ./scripts/checkpatch.pl --strict --terse --no-summary --show-types "$p" 2>&1) || true
	ktap_result "$(basename "$p")" "${#out}" "$out"
done
exit $ktap_failed
