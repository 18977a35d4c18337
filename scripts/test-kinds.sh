#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test-kinds.sh LOGDIR: the results of make check's steps (LOGDIR/STEP.log)
# added up by kind, each result once and each distinct test once: a test
# that ran under two sanitizers, in several boots or on the base as well as
# the series counts as many results but one test. The kinds:
#
#   series    behavioural tests of the series: the harness, the series'
#             KUnit suites, the guest tests and kselftests, each boot's
#             verdict (no splat), the kselftests judged on the base
#   upstream  the kernel's own suites: other KUnit suites, tdc
#   lint      per-patch apply, checkpatch, kernel-doc, build and API checks
#   tooling   self-tests of the tooling, and the runner's checks that a
#             boot ran what it had to (KUnit suites, NUMA nodes)
#
# Prints one line a kind ("KIND RESULTS DISTINCT") and "all RESULTS".
set -euo pipefail

logs=${1:?usage: test-kinds.sh LOGDIR}
[ -d "$logs" ] || { echo "test-kinds: no directory $logs" >&2; exit 2; }
# The series' own KUnit suites; any other suite is upstream's.
series_suites=${SERIES_SUITES:-shrinker slab_dtor}

for log in "$logs"/*.log; do
	[ -e "$log" ] || continue
	step=$(basename "$log" .log)
	sed 's/\r$//' "$log" | awk -v step="$step" -v suites=" $series_suites " '
	function out(kind, id) { print kind "\t" id }
	function kunit_kind(suite) { return index(suites, " " suite " ") ? "series" : "upstream" }
	# A guest program ended: its subtests are the tests, or itself if none.
	function program_done(prog,   kind, i) {
		kind = (step == "tdc") ? "upstream" : (prog == "runner-expected-splat") ? "tooling" : "series"
		if (nleaf == 0)
			out(kind, "guest:" prog)
		for (i = 1; i <= nleaf; i++)
			out(kind, "guest:" prog "." leaf[i])
		nleaf = 0
	}
	BEGIN { nleaf = 0; kunit = 0; ncase = 0 }
	step == "tools" {
		if (match($0, /^(not )?ok [0-9]+ /)) out("tooling", "tools:" substr($0, RLENGTH + 1))
		next
	}
	step == "harness" {
		if (match($0, /^(not )?ok [0-9]+ [^ ]+/)) {
			split(substr($0, 1, RLENGTH), f, " ")
			out("series", "harness:" f[length(f)])
		}
		next
	}
	step == "kunit" {
		if ($0 ~ /=+ [^ ]+ \([0-9]+ subtests\) =+/) {
			suite = $0; sub(/ \([0-9]+ subtests\).*/, "", suite); sub(/.* /, "", suite)
		} else if ($0 !~ /==/ && match($0, /\[(PASSED|FAILED|SKIPPED|CRASHED)\] [^ ]+$/)) {
			name = substr($0, RSTART); sub(/^[^ ]+ /, "", name)
			out(kunit_kind(suite), "kunit:" suite "." name)
		}
		next
	}
	step == "base-fails" {
		if (match($0, /^(not )?ok [0-9]+ - [^ :]+:/)) {
			name = $0; sub(/^(not )?ok [0-9]+ - /, "", name); sub(/:.*/, "", name)
			out("series", "base:" name)
		} else if ($0 ~ /^(not )?ok [0-9]+ - /) {
			out("tooling", "base:listed")
		}
		next
	}
	step ~ /^boot/ || step == "tdc" {
		if ($0 == "# KUnit at boot:") { kunit = 1; next }
		if (kunit && match($0, /^#     (not )?ok [0-9]+ [^ ]+/)) {
			split(substr($0, 1, RLENGTH), f, " "); kcase[++ncase] = f[length(f)]
			next
		}
		if (kunit && match($0, /^# (not )?ok [0-9]+ [^ ]+/)) {
			split(substr($0, 1, RLENGTH), f, " "); s = f[length(f)]
			for (i = 1; i <= ncase; i++)
				out(kunit_kind(s), "kunit:" s "." kcase[i])
			ncase = 0
			next
		}
		if (!kunit && match($0, /^# (not )?ok [0-9]+ /)) {
			name = substr($0, RLENGTH + 1); sub(/ #.*/, "", name)
			if (step == "tdc") sub(/ .*/, "", name)
			leaf[++nleaf] = name
			next
		}
		if (!kunit && match($0, /^(not )?ok [0-9]+ [^ ]+/)) {
			split(substr($0, 1, RLENGTH), f, " "); program_done(f[length(f)])
			next
		}
		if ($0 ~ /^(not )?ok - boot/) out("series", "boot:" step)
		else if ($0 ~ /^(not )?ok - /) { name = $0; sub(/^(not )?ok - /, "", name); out("tooling", "run:" step ":" name) }
		next
	}
	# The lint, build and doc steps, as make check counts them: their
	# "N passed, N failed" lines, or else their KTAP, or else their exit
	# status.
	match($0, /^[0-9]+ passed, [0-9]+ failed/) { split($0, f, " "); n += f[1] + f[3] }
	/^(not )?ok [0-9]+ / { ktap++ }
	END {
		if (step !~ /^(tools|harness|kunit|base-fails|boot.*|tdc)$/)
			for (i = 1; i <= (n ? n : ktap ? ktap : 1); i++) out("lint", step ":" i)
	}'
done | awk -F '\t' '
	{ results[$1]++; if (!(($1, $2) in seen)) { seen[$1, $2] = 1; distinct[$1]++ }; all++ }
	END {
		split("series upstream lint tooling", kinds, " ")
		for (i = 1; i <= 4; i++) print kinds[i], results[kinds[i]] + 0, distinct[kinds[i]] + 0
		print "all", all + 0
	}'
