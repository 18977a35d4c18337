#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-base.sh [base|rival]: fetch the pinned base (or, with "rival", the
# 6.12 tree the benchmarks compare with; both pinned in base.env) with
# apt-get download, verify it, and keep a one-commit git repository of it
# in the cache, tagged "base". A second run finds the repository and does
# nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

case "${1:-base}" in
base) ;;
rival)
	BASE_PACKAGE=$RIVAL_PACKAGE BASE_VERSION=$RIVAL_VERSION
	BASE_SHA256=$RIVAL_SHA256 BASE_GIT=$RIVAL_GIT
	;;
*) die "usage: fetch-base.sh [base|rival]" ;;
esac

[ -d "$BASE_GIT" ] && git -C "$BASE_GIT" rev-parse -q --verify refs/tags/base >/dev/null && exit 0

need apt-get apt
need dpkg-deb dpkg
need xz xz-utils
need git git

mkdir -p "$CACHE"
start=$(date +%s)
tmp=$(mktemp -d "$CACHE/tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
deb=$CACHE/${BASE_PACKAGE}_${BASE_VERSION}_all.deb
tarball=$CACHE/$BASE_PACKAGE-$BASE_VERSION.tar.xz

if [ ! -f "$tarball" ]; then
	if [ ! -f "$deb" ]; then
		note "downloading $BASE_PACKAGE=$BASE_VERSION"
		if ! (cd "$tmp" && apt-get download "$BASE_PACKAGE=$BASE_VERSION" >/dev/null 2>"$tmp/err"); then
			cat "$tmp/err" >&2
			echo >&2
			echo "error: $BASE_PACKAGE=$BASE_VERSION (pinned in base.env) cannot be downloaded." >&2
			echo "apt offers these versions (run 'apt-get update' first if the list is empty):" >&2
			apt-cache policy "$BASE_PACKAGE" 2>/dev/null | sed -n 's/^ *\**  *\([0-9][^ ]*\) [0-9]*$/  \1/p' >&2
			echo "To re-pin, follow the comment at the top of base.env." >&2
			exit 1
		fi
		mv "$tmp"/*.deb "$deb"
		rm -f "$tmp/err"
	fi
	note "extracting the tarball from $(basename "$deb")"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$BASE_PACKAGE.tar.xz" > "$tarball.tmp"
	got=$(sha256sum "$tarball.tmp" | cut -d' ' -f1)
	if [ "$got" != "$BASE_SHA256" ]; then
		rm -f "$tarball.tmp" "$deb"
		die "checksum mismatch for $BASE_PACKAGE $BASE_VERSION: expected $BASE_SHA256, got $got (download removed; base.env pins the expected value)"
	fi
	mv "$tarball.tmp" "$tarball"
	rm -f "$deb"
fi

note "creating the base repository $BASE_GIT"
tar -C "$tmp" -xf "$tarball"
src=$tmp/$BASE_PACKAGE
# Debian's tree ignores everything at the top level (the last block of its
# .gitignore, "/*"), so files the series adds would be ignored: drop that
# block, with the "#" line that opens it. Everything else is committed as
# shipped, dot-files included (-f), so the commit is the tarball but for that block.
n=$(grep -n '^# Debian packaging: ignore everything' "$src/.gitignore" | cut -d: -f1)
[ -n "$n" ] || die "$BASE_PACKAGE $BASE_VERSION: .gitignore has no Debian block; check fetch-base.sh"
head -n $((n - 2)) "$src/.gitignore" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$tmp/gitignore"
mv "$tmp/gitignore" "$src/.gitignore"
git -C "$src" init -q -b debian
git -C "$src" add -A -f
export GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z"
git -C "$src" commit -q -m "Linux ${BASE_VERSION%-*} ($BASE_PACKAGE $BASE_VERSION)" \
	-m "The tree of Debian's $BASE_PACKAGE package, version $BASE_VERSION,
sha256 of the tarball $BASE_SHA256."
git -C "$src" tag base
git clone -q --bare "$src" "$tmp/repo.git"
rm -rf "$BASE_GIT"
mv "$tmp/repo.git" "$BASE_GIT"
note "$BASE_PACKAGE $BASE_VERSION is $(git -C "$BASE_GIT" rev-parse base^{commit}) (fetched in $(elapsed "$start"))"
