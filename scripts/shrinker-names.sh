#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# shrinker-names.sh KTAP_LOG: the shrinker names (without their debugfs ids)
# that guest/tests/shrinker-debugfs listed in a boot's KTAP log, sorted, one
# per line, preceded by a line that identifies the kernel configuration and
# base they came from. Two boots of the same configuration list the same
# names if the series kept every shrinker and its name.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

log=${1:?usage: shrinker-names.sh KTAP_LOG}
grep -q 'shrinker-name: ' "$log" || die "$log lists no shrinker names (did shrinker-debugfs run?)"
echo "# base $BASE_PACKAGE $BASE_VERSION, configs $(cat "$TOP/configs/x86_64.config" \
	"$TOP/configs/x86_64-debug.config" | sha256sum | cut -c1-16)"
# The guest's serial port ends lines with CR LF: names end at the CR.
sed -n 's/^[# ]*shrinker-name: //p' "$log" | tr -d '\r' | LC_ALL=C sort
