#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tree.sh DIR: make DIR a git tree at the base with the series applied by
# "git am", one commit per patch, on a branch named "series".
#
# DIR is created if needed. An existing DIR is reused (kbuild then rebuilds
# only what changed), but never clobbered: it must be clean, and its series
# branch must hold nothing that "make export" has not written to patches/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

dir=${1:?usage: tree.sh DIR}
base_git=$(base_repo)
base=$(base_commit "$base_git") || die "no base commit in $base_git"
mapfile -t patches < <(series_patches)

if [ -e "$dir" ]; then
	git -C "$dir" rev-parse --git-dir >/dev/null 2>&1 ||
		die "$dir exists and is not a git tree; move it away"
	if [ -d "$dir/.git/rebase-apply" ]; then
		die "$dir has a 'git am' in progress; finish it (git am --continue) or abort it (git am --abort) first"
	fi
	if [ -n "$(git -C "$dir" status --porcelain --untracked-files=no)" ]; then
		git -C "$dir" status --short --untracked-files=no | head -20 >&2
		die "$dir has uncommitted changes; commit them (then make export) or discard them first"
	fi
	# Anything on the series branch that patches/ does not hold would be
	# lost: compare the patch ids of the branch with those of patches/.
	if git -C "$dir" rev-parse -q --verify refs/heads/series >/dev/null &&
	   git -C "$dir" merge-base --is-ancestor "$base" series 2>/dev/null; then
		have=$(git -C "$dir" log --format=%H "$base..series" |
			xargs -r -n1 git -C "$dir" show --format=email | git patch-id --stable | cut -d' ' -f1 | sort)
		want=$(for p in "${patches[@]}"; do git patch-id --stable < "$p"; done | cut -d' ' -f1 | sort)
		if [ "$have" = "$want" ] && [ "$(git -C "$dir" rev-parse base^{commit} 2>/dev/null)" = "$base" ] &&
		   [ "$(git -C "$dir" symbolic-ref -q --short HEAD)" = series ]; then
			note "$dir: up to date with patches/"
			exit 0
		fi
		if [ -n "$have" ] && [ "$have" != "$want" ] && [ -z "${FORCE:-}" ]; then
			die "the series branch in $dir has commits that differ from patches/; run 'make export' to keep them, or FORCE=1 to drop them"
		fi
	fi
else
	note "cloning the base into $dir"
	mkdir -p "$(dirname "$dir")"
	git clone -q --shared --no-checkout "$base_git" "$dir"
fi

git -C "$dir" fetch -q "$base_git" "$base"
git -C "$dir" checkout -q -B series "$base"
git -C "$dir" reset -q --hard "$base"
git -C "$dir" tag -f base "$base" >/dev/null
if [ ${#patches[@]} -gt 0 ]; then
	if ! git -C "$dir" am -q --keep-cr --committer-date-is-author-date "${patches[@]}"; then
		cur=$(cat "$dir/.git/rebase-apply/next" 2>/dev/null || echo '?')
		git -C "$dir" am --abort
		die "patch $cur of the series ($(basename "${patches[$((cur - 1))]}" 2>/dev/null)) does not apply to $base; see the messages above"
	fi
fi
# The cover letter's subject and text live in the branch description, so
# that export can write them back.
"$TOP/scripts/cover.sh" get > "$dir/.git/cover-description" 2>/dev/null &&
	git -C "$dir" config branch.series.description "$(cat "$dir/.git/cover-description")"
rm -f "$dir/.git/cover-description"
note "$dir: series branch at $(git -C "$dir" log --oneline -1 | cut -c1-60) ($((${#patches[@]})) patches on $(git -C "$dir" rev-parse --short "$base"))"
