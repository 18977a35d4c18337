#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# api-gone.sh SRC: the patched tree SRC no longer has the old shrinker API
# (so out-of-tree users break at build time) anywhere, nor shrinker_rwsem in
# mm/ and include/ (reclaim takes no global lock). Two KTAP results.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=${1:?usage: api-gone.sh SRC}
old='register_shrinker|prealloc_shrinker|register_shrinker_prepared|unregister_shrinker|free_prealloced_shrinker|synchronize_shrinkers'

# gone NAME PATTERN PATHSPEC...: no word matching PATTERN in PATHSPEC
gone() {
	local name=$1 pattern=$2 hits
	shift 2
	hits=$(git -C "$src" grep -n -w -E "$pattern" -- "$@" || true)
	ktap_result "$name" "${#hits}" "$hits"
}

ktap_plan 2
gone old-shrinker-api-removed "$old" .
gone no-shrinker_rwsem-in-mm shrinker_rwsem mm include
exit $ktap_failed
