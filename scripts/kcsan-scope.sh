#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kcsan-scope.sh SRC OUT: the functions whose data races fail the KCSAN
# boot (splat-scan.sh's KCSAN_SCOPE), one a line: every function defined in
# the objects, built in OUT, of the C files the series' patches in SRC
# touch (base..series: mm/shrinker*.c, the converted shrinkers, the slab
# destructor and its users; not the treewide patches), and of
# mm/list_lru.c, whose lists the memcg-aware shrinkers walk. Names lose
# their compiler suffixes (foo.constprop.0 is foo), as splat-scan.sh
# compares them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=${1:?usage: kcsan-scope.sh SRC OUT}
out=${2:?usage: kcsan-scope.sh SRC OUT}
need nm binutils
git -C "$src" rev-parse -q --verify base >/dev/null ||
	die "$src has no 'base' tag: make it with scripts/tree.sh"

# The C files of the series' patches, but for the treewide ones (slab
# constructors that return int), which touch every constructor in code the
# series leaves alone otherwise.
series_c_files() {
	local c
	for c in $(git -C "$src" rev-list base..series); do
		git -C "$src" log -1 --format=%s "$c" | grep -q '^treewide' && continue
		git -C "$src" diff-tree --no-commit-id --name-only -r "$c" -- '*.c'
	done
}

scope=$(while read -r file; do
	obj=$out/${file%.c}.o
	[ -f "$obj" ] || continue
	nm --defined-only "$obj" | awk '$2 ~ /^[tTW]$/ { sub(/\..*/, "", $3); print $3 }'
done < <(series_c_files; echo mm/list_lru.c) | sort -u)
# An empty scope would pass every race: the registry must be in it.
for fn in shrink_slab shrinker_free list_lru_add; do
	grep -qx "$fn" <<< "$scope" || die "no $fn() among the objects of $out: is it built?"
done
echo "$scope"
