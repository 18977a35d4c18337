#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bisect.sh SRC OUT: check that the series is bisectable. A second work
# tree of SRC (OUT/src) steps through the series one commit at a time, and
# at each builds, with allmodconfig, the objects that commit touches
# (build-objects.sh). One KTAP result per commit.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=${1:?usage: bisect.sh SRC OUT}
out=${2:?usage: bisect.sh SRC OUT}
mkdir -p "$out"
out=$(cd "$out" && pwd)
wt=$out/src
if [ ! -d "$wt" ]; then
	git -C "$src" worktree prune
	git -C "$src" worktree add -q --detach "$wt" base
fi
mapfile -t commits < <(git -C "$src" rev-list --reverse base..series)

ktap_plan ${#commits[@]}
for c in "${commits[@]}"; do
	git -C "$wt" checkout -q --detach "$c"
	rc=0
	log=$("$TOP/scripts/build-objects.sh" "$wt" "$out/allmod" "$c^..$c" 2>&1) || rc=$?
	ktap_result "$(git -C "$wt" log -1 --format=%s)" $rc "$(echo "$log" | grep -v '^ok ')"
done
exit $ktap_failed
