#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# cover.sh get: print the subject and the text of patches/0000-cover-letter.patch
# in the form of a git branch description (subject, blank line, text), the
# form in which "git format-patch --cover-from-description=subject" takes it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cover=$PATCHES/0000-cover-letter.patch
[ "${1:-}" = get ] || die "usage: cover.sh get"
[ -f "$cover" ] || exit 1

# Headers end at the first empty line; the text ends where git's shortlog
# ("Author Name (N):") begins.
awk '
	!body && /^Subject:/ { sub(/^Subject: *(\[[^]]*\] *)?/, ""); subject = $0; next }
	!body && /^ / && subject != "" && !got { subject = subject $0; next }
	!body && /^$/ { body = 1; got = 1; print subject; print ""; next }
	body && /^[^ ].* \([0-9]+\):$/ { exit }
	body { lines[n++] = $0 }
	END { while (n > 0 && lines[n - 1] == "") n--; for (i = 0; i < n; i++) print lines[i] }
' "$cover"
