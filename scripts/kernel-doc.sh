#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-doc.sh SRC: run scripts/kernel-doc -none (the checks of make
# htmldocs, without sphinx) on every C file and header that the series adds
# or changes in the tree SRC. A warning the file did not have in the base
# fails; warnings the base already had are not the series' to fix. One KTAP
# result per file.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=${1:?usage: kernel-doc.sh SRC}
mapfile -t files < <(git -C "$src" diff --name-only --diff-filter=AM base..HEAD -- '*.c' '*.h' |
	grep -v '^tools/')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# warnings FILE: the warnings about FILE, without the "file:line: " prefix
warnings() {
	(cd "$src" && ./scripts/kernel-doc -none "$1" 2>&1) | sed 's/^[^ ]*:[0-9]*: //' | sort
}

ktap_plan ${#files[@]}
for f in "${files[@]}"; do
	warnings "$f" > "$tmp/new"
	: > "$tmp/old"
	if git -C "$src" cat-file -e "base:$f" 2>/dev/null; then
		mkdir -p "$tmp/base/$(dirname "$f")"
		git -C "$src" show "base:$f" > "$tmp/base/$f"
		warnings "$tmp/base/$f" > "$tmp/old"
	fi
	added=$(comm -13 "$tmp/old" "$tmp/new")
	ktap_result "$f" "${#added}" "$added"
done
exit $ktap_failed
