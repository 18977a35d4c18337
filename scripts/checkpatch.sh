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

# unlisted PATCH: the files PATCH adds that no directory of MAINTAINERS
# (an "F: dir/" line, as the tree has it once the series is applied)
# holds.
unlisted() {
	local f
	awk '/^--- \/dev\/null$/ { new = 1; next }
	     new && /^\+\+\+ b\// { print substr($2, 3) }
	     { new = 0 }' "$1" | while read -r f; do
		grep -qxF "F:	$(dirname "$f")/" "$src/MAINTAINERS" || echo "$f"
	done
}

# No checkpatch type is ignored. A patch that adds a file also updates
# the series' MAINTAINERS entry, so that FILE_PATH_CHANGES stays quiet,
# unless a directory that MAINTAINERS lists already holds every file it
# adds: checkpatch asks then, but there is nothing to update.
ktap_plan ${#patches[@]}
for p in "${patches[@]}"; do
	# Any output at all (errors, warnings, checks) fails the patch.
	out=$(cd "$src" && ./scripts/checkpatch.pl --strict --terse --no-summary --show-types "$p" 2>&1) || true
	if [[ "$out" == *FILE_PATH_CHANGES* ]] && [ -z "$(unlisted "$p")" ]; then
		out=$(echo "$out" | grep -v 'WARNING:FILE_PATH_CHANGES:' || true)
	fi
	ktap_result "$(basename "$p")" "${#out}" "$out"
done
exit $ktap_failed
