#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apply.sh TREE: apply the series to your own 6.1.y git tree, on its
# current branch, one commit per patch ("git am"). If a patch does not
# apply, say which one and which files, and leave TREE as it was.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tree=${1:?usage: apply.sh TREE (or make apply KERNEL_SRC=TREE)}
git -C "$tree" rev-parse --git-dir >/dev/null 2>&1 || die "$tree is not a git tree"
[ ! -d "$(git -C "$tree" rev-parse --absolute-git-dir)/rebase-apply" ] ||
	die "$tree has a git am or rebase in progress; finish or abort it first"
[ -z "$(git -C "$tree" status --porcelain --untracked-files=no)" ] ||
	die "$tree has uncommitted changes; commit or stash them first"
mapfile -t patches < <(series_patches)
[ ${#patches[@]} -gt 0 ] || die "patches/series lists no patches"

head=$(git -C "$tree" rev-parse HEAD)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if git -C "$tree" am --keep-cr "${patches[@]}" >"$log" 2>&1; then
	note "applied ${#patches[@]} patches to $tree: $(git -C "$tree" rev-parse --short "$head")..$(git -C "$tree" rev-parse --short HEAD)"
	exit 0
fi
next=$(cat "$(git -C "$tree" rev-parse --absolute-git-dir)/rebase-apply/next" 2>/dev/null || echo 0)
git -C "$tree" am --abort >/dev/null 2>&1 || true
git -C "$tree" reset -q --hard "$head"
echo "error: patch $next of ${#patches[@]} does not apply: $(basename "${patches[$((next - 1))]}")" >&2
grep -E '^error: |^Patch failed at' "$log" | sed 's/^/  /' >&2
echo "$tree is left as it was (HEAD $(git -C "$tree" rev-parse --short "$head"))." >&2
exit 1
