#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# series-applies.sh: check that every patch of the series applies, in
# order, to the pristine base. It applies them to a scratch index of the
# base repository (git apply --cached, as git am does), so it touches no
# work tree. Prints one KTAP result per patch.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

base_git=$(base_repo)
base=$(base_commit "$base_git") || die "no base commit in $base_git"
mapfile -t patches < <(series_patches)

index=$(mktemp)
trap 'rm -f "$index"' EXIT
export GIT_INDEX_FILE=$index
git -C "$base_git" read-tree "$base"

ktap_plan ${#patches[@]}
for p in "${patches[@]}"; do
	rc=0
	out=$(git -C "$base_git" apply --cached "$p" 2>&1) || rc=$?
	ktap_result "$(basename "$p")" $rc "$out"
done
exit $ktap_failed
