# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the scripts in this directory. Source it; do not run it.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "${BASE_ENV:-$TOP/base.env}"

CACHE=${SHRINKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shrinker-series}
BUILD=${BUILD:-$TOP/build}
BASE_GIT=$CACHE/base-$BASE_VERSION.git
RIVAL_GIT=$CACHE/rival-$RIVAL_VERSION.git
PATCHES=${PATCHES:-$TOP/patches}
# Compiler calls name files under the checkout by absolute paths; make
# ccache hash them relative to it, so that another clone (CI's) hits too.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$TOP}

# Fixed identity and dates make every commit we create reproducible, so the
# base commit has the same id on every machine and exports are stable.
export GIT_AUTHOR_NAME="shrinker-series" GIT_AUTHOR_EMAIL="shrinker-series@localhost"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"

die() {
	echo "error: $*" >&2
	exit 1
}

note() {
	echo ">>> $*" >&2
}

# need TOOL PACKAGE: fail with the Debian package that provides TOOL.
# (make runs scripts/prereqs.sh first, which checks all of them at once.)
need() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found: install it with 'apt-get install $2' (scripts/prereqs.sh checks every package at once)"
}

# elapsed START: the time since START (seconds since the epoch, as from
# "date +%s"), as "42s" or "12m05s".
elapsed() {
	local s=$(($(date +%s) - $1))
	if [ "$s" -lt 60 ]; then
		echo "${s}s"
	else
		printf '%dm%02ds\n' $((s / 60)) $((s % 60))
	fi
}

# Long steps print a line at most every PROGRESS_SECONDS (30) while they run.
PROGRESS_SECONDS=${PROGRESS_SECONDS:-30}
[[ "$PROGRESS_SECONDS" =~ ^[1-9][0-9]*$ ]] ||
	die "PROGRESS_SECONDS wants a positive number of seconds, not '$PROGRESS_SECONDS'"

# progress_start LABEL DIR [LOG]: while a kernel build writes objects (*.o)
# under DIR, print every PROGRESS_SECONDS how many it has written, of about
# as many as DIR held when it started if an earlier build got as far as
# DIR/vmlinux, and the last line of LOG (kbuild's own output) if given.
# Quiet while nothing changes. progress_stop ends it.
progress_start() {
	local label=$1 dir=$2 log=${3:-}
	local start total=0 n t next msg line state last=
	start=$(date +%s)
	next=$((start + PROGRESS_SECONDS))
	[ ! -e "$dir/vmlinux" ] || total=$(find "$dir" -name '*.o' | wc -l)
	(
		# Until this script ends; the sleeps hold no output open.
		set +e
		while kill -0 $$ 2>/dev/null; do
			sleep 1 >/dev/null 2>&1
			printf -v t '%(%s)T' -1
			[ "$t" -ge "$next" ] || continue
			next=$((next + PROGRESS_SECONDS))
			n=$(find "$dir" -name '*.o' -newermt "@$start" 2>/dev/null | wc -l)
			msg="$n objects"
			if [ "$total" -gt 0 ] && [ "$n" -le "$total" ]; then
				msg="$n of ~$total objects ($((n * 100 / total))%)"
			fi
			line=
			[ -z "$log" ] || line=$(tail -n 1 "$log" 2>/dev/null | tr -s ' \t\r' ' ' | sed 's/^ //' | cut -c1-70)
			state="$n $line"
			[ "$state" != "$last" ] || continue
			last=$state
			note "$label: $msg after $(elapsed "$start")${line:+; now: $line}"
		done
	) &
	progress_pid=$!
}

progress_stop() {
	kill "$progress_pid" 2>/dev/null || true
	wait "$progress_pid" 2>/dev/null || true
}

# Patches listed in patches/series ($PATCHES/series), one path per line, in order.
series_patches() {
	local p
	[ -f "$PATCHES/series" ] || return 0
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		[ -f "$PATCHES/$p" ] || die "$PATCHES/series lists $p, which does not exist"
		echo "$PATCHES/$p"
	done < "$PATCHES/series"
}

# The commit the series applies to: HEAD of $KERNEL_SRC if the user gave
# their own tree, otherwise the pinned Debian base (fetched on demand).
base_repo() {
	if [ -n "${KERNEL_SRC:-}" ]; then
		git -C "$KERNEL_SRC" rev-parse --git-dir >/dev/null 2>&1 ||
			die "KERNEL_SRC=$KERNEL_SRC is not a git tree"
		(cd "$KERNEL_SRC" && pwd)
	else
		"$TOP/scripts/fetch-base.sh" >&2 || exit 1
		echo "$BASE_GIT"
	fi
}

# base_commit REPO: the commit id of the base in the repository base_repo gave.
base_commit() {
	local rev=refs/tags/base
	[ -z "${KERNEL_SRC:-}" ] || rev=HEAD
	git -C "$1" rev-parse --verify -q "$rev^{commit}"
}

# KTAP for the checks that judge a list of items (patches, files, objects):
# ktap_plan N, then ktap_result NAME RC [OUTPUT] for each item (OUTPUT is
# shown as diagnostics when RC is not 0), then exit "$ktap_failed".
ktap_n=0
ktap_failed=0

ktap_plan() {
	echo "TAP version 13"
	echo "1..$1"
}

ktap_result() {
	ktap_n=$((ktap_n + 1))
	if [ "$2" = 0 ]; then
		echo "ok $ktap_n $1"
		return
	fi
	[ -z "${3:-}" ] || echo "$3" | sed 's/^/# /'
	echo "not ok $ktap_n $1"
	ktap_failed=1
}
