#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# prereqs.sh [--list]: check that every package the project needs is
# installed, before anything is downloaded or built: make, make check and
# every target that downloads or builds run it first. The list below is
# the project's only list of packages (--list prints it).
#
# When packages are missing: as root on Debian or Ubuntu, it runs
# "apt-get update" once and installs just those, saying which. Otherwise it
# stops at once with one message that names them all and the command that
# installs them.
#
# For the self-tests: PREREQS_AS_ROOT (1 or 0; default: whether we are
# root), PREREQS_APT_GET (the apt-get to run) and PREREQS_OS_RELEASE
# (/etc/os-release).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# The Debian packages, and what shows that each is installed: a program on
# PATH, a file (any of the paths; globs allowed), "import MODULE" (a module
# of Debian's python3, which checkpatch uses), or "static FILE" (a
# statically linked program).
packages() {
	cat <<'EOF'
bc               bc
bison            bison
busybox-static   static /bin/busybox
ca-certificates  /etc/ssl/certs/ca-certificates.crt
ccache           ccache
coccinelle       spatch
cpio             cpio
dpkg-dev         dpkg-architecture
flex             flex
gcc              gcc
gcc-powerpc64-linux-gnu powerpc64-linux-gnu-gcc
gcc-sh4-linux-gnu       sh4-linux-gnu-gcc
gcc-sparc64-linux-gnu   sparc64-linux-gnu-gcc
git              git
gnuplot-nox      gnuplot
iproute2         ip
kmod             kmod
libc6-dev        /usr/lib/*/libc.a /usr/lib64/libc.a
libelf-dev       /usr/include/libelf.h
libssl-dev       /usr/include/openssl/ssl.h
liburcu-dev      /usr/include/urcu/urcu-memb.h /usr/include/*/urcu/urcu-memb.h
linux-perf       perf
make             make
perl             perl
pkg-config       pkg-config
python3          python3
python3-git      import git
python3-ply      import ply
qemu-system-x86  qemu-system-x86_64
rsync            rsync
stress-ng        stress-ng
xz-utils         xz
EOF
}
# (iproute2's tc is in /sbin, which a normal user's PATH lacks: ip is not.)
# The cross compilers build the arch/ files the series touches
# (scripts/build-objects.sh).

# installed PROBE...: whether what PROBE names is there.
installed() {
	local f out
	case "$1" in
	/*)
		for f in "$@"; do
			[ -e "$f" ] && return 0
		done
		return 1
		;;
	import) /usr/bin/python3 -c "import $2" >/dev/null 2>&1 ;;
	static)
		[ -x "$2" ] || return 1
		out=$(LC_ALL=C ldd "$2" 2>&1) || true
		[[ "$out" == *"not a dynamic executable"* ]]
		;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}

# what PROBE...: what PROBE names, for people.
what() {
	case "$1" in
	/*) echo "$1" ;;
	import) echo "the python3 module $2" ;;
	static) echo "a statically linked $2" ;;
	*) echo "the program $1" ;;
	esac
}

# check: set missing (the packages not installed), why (what of each is
# missing) and total.
check() {
	local pkg probe
	missing=() why=() total=0
	while read -r pkg probe; do
		total=$((total + 1))
		# Unquoted: the probe's words, and its globs expanded.
		# shellcheck disable=SC2086
		installed $probe && continue
		missing+=("$pkg")
		# shellcheck disable=SC2086
		why+=("$(what $probe)")
	done < <(packages)
}

case "${1:-}" in
"") ;;
--list) packages | cut -d' ' -f1; exit 0 ;;
*) die "usage: prereqs.sh [--list]" ;;
esac

apt=${PREREQS_APT_GET:-apt-get}
os_release=${PREREQS_OS_RELEASE:-/etc/os-release}
as_root=${PREREQS_AS_ROOT:-$([ "$(id -u)" = 0 ] && echo 1 || echo 0)}
case "$as_root" in
0|1) ;;
*) die "PREREQS_AS_ROOT wants 1 or 0, not '$as_root'" ;;
esac

check
if [ ${#missing[@]} = 0 ]; then
	note "prerequisites: all $total packages are installed"
	exit 0
fi

debian=0
if [ -r "$os_release" ] && command -v "$apt" >/dev/null 2>&1; then
	case " $(. "$os_release" && echo "${ID:-} ${ID_LIKE:-}") " in
	*" debian "*|*" ubuntu "*) debian=1 ;;
	esac
fi
install="apt-get install -y --no-install-recommends ${missing[*]}"

# report: name every missing package and what of it is missing.
report() {
	local i
	echo "${#missing[@]} of the $total packages this project needs are missing:"
	for i in "${!missing[@]}"; do
		printf '  %-17s for %s\n' "${missing[$i]}" "${why[$i]}"
	done
}

if [ "$as_root" = 0 ] || [ $debian = 0 ]; then
	{
		echo -n "error: "
		report
		if [ $debian = 0 ]; then
			echo "These are Debian's package names, and this is not Debian or Ubuntu:"
			echo "install the same programs and files with your distribution's packages."
			echo "On Debian or Ubuntu the command, as root, would be:"
			echo "  apt-get update && $install"
		elif command -v sudo >/dev/null 2>&1; then
			echo "Install them all, then run make again:"
			echo "  sudo apt-get update && sudo $install"
		else
			echo "Install them all as root, then run make again:"
			echo "  su -c 'apt-get update && $install'"
		fi
		echo "(As root on Debian or Ubuntu, make installs them itself.)"
	} >&2
	exit 1
fi

# throttled LABEL: pass on a line of the input at most every
# PROGRESS_SECONDS, after LABEL.
throttled() {
	local line t last=0
	while IFS= read -r line; do
		printf -v t '%(%s)T' -1
		[ $((t - last)) -ge "$PROGRESS_SECONDS" ] || continue
		last=$t
		note "$1: $line"
	done
}

# Root on Debian or Ubuntu: install what is missing, showing a line of
# apt-get's output now and then.
report >&2
note "installing them: apt-get update, then $install"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may be running unattended-upgrades: wait for its lock.
lock=(-o DPkg::Lock::Timeout=600)
start=$(date +%s)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "$apt" update -q "${lock[@]}" 2>&1 | tee "$log" | throttled "apt-get update"; then
	tail -n 20 "$log" >&2
	die "'apt-get update' failed (above); nothing was installed"
fi
note "apt-get update done after $(elapsed "$start"); now apt-get install ${missing[*]}"
if ! "$apt" install -y -q "${lock[@]}" --no-install-recommends "${missing[@]}" 2>&1 |
	tee "$log" | throttled "apt-get install"; then
	tail -n 30 "$log" >&2
	die "'$install' failed (above); the list is Debian 12's, in scripts/prereqs.sh"
fi
check
if [ ${#missing[@]} != 0 ]; then
	report >&2
	die "apt-get installed the packages, but the above are still missing"
fi
note "prerequisites: installed in $(elapsed "$start"); all $total packages are installed"
