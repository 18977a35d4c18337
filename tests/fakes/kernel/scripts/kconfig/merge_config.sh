#!/bin/sh
# A stand-in for the kernel's merge_config.sh -m -O OUT BASE FRAGMENT...:
# OUT/.config is the fragments, a later setting of a symbol winning.
out=$3
shift 4
awk '{ k = $0; sub(/^# /, "", k); sub(/[= ].*/, "", k)
	if (!(k in v)) order[n++] = k; v[k] = $0 }
	END { for (i = 0; i < n; i++) print v[order[i]] }' "$@" > "$out/.config"
