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

echo "TAP version 13"
echo "1..${#patches[@]}"
i=0 failed=0
for p in "${patches[@]}"; do
	i=$((i + 1))
	if out=$(git -C "$base_git" apply --cached "$p" 2>&1); then
		echo "ok $i $(basename "$p")"
	else
		echo "$out" | sed 's/^/# /'
		echo "not ok $i $(basename "$p")"
		failed=1
	fi
done
exit $failed
