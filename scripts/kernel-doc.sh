#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-doc.sh SRC: run scripts/kernel-doc -none (the checks of make
# htmldocs, without sphinx) on every C file and header the series adds or
# changes in the tree SRC. Any warning fails. One KTAP result per file.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=${1:?usage: kernel-doc.sh SRC}
mapfile -t files < <(git -C "$src" diff --name-only --diff-filter=AM base..HEAD -- '*.c' '*.h' |
	grep -v '^tools/')

echo "TAP version 13"
echo "1..${#files[@]}"
i=0 failed=0
for f in "${files[@]}"; do
	i=$((i + 1))
	if out=$(cd "$src" && ./scripts/kernel-doc -none "$f" 2>&1) && [ -z "$out" ]; then
		echo "ok $i $f"
	else
		echo "$out" | sed 's/^/# /'
		echo "not ok $i $f"
		failed=1
	fi
done
exit $failed
