#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-qemu.sh BZIMAGE INITRAMFS LOGDIR [TEST...]: boot BZIMAGE in QEMU with
# INITRAMFS, run the guest's tests (all of them, or the TESTs named), and
# judge the run: it fails on a kernel splat in the console log, on a failed
# or missing KTAP result, and on a guest that does not finish in time.
#
# LOGDIR receives console.log (the kernel's ttyS0) and ktap.log (the tests'
# ttyS1). Knobs: SMP (vCPUs, 2), MEM (2G), NODES (NUMA nodes, 1: with 2
# or more, memory and vCPUs are shared out among them, and the run fails
# unless the kernel brought them all up), TIMEOUT (seconds, 900), ACCEL
# (tcg; kvm is used only after a probe boot shows that it works), APPEND
# (extra kernel command line), KUNIT_SUITES ("suite:N ...": KUnit suites
# that must run at boot, each with at least N cases), KCSAN_SCOPE (for
# splat-scan.sh: the functions whose data races fail the run). While the
# guest runs, it says which test is running, and every PROGRESS_SECONDS (30)
# which one it is still in.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${1:?usage: run-qemu.sh BZIMAGE INITRAMFS LOGDIR [TEST...]}
initramfs=${2:?usage: run-qemu.sh BZIMAGE INITRAMFS LOGDIR [TEST...]}
logdir=${3:?usage: run-qemu.sh BZIMAGE INITRAMFS LOGDIR [TEST...]}
shift 3
smp=${SMP:-2} mem=${MEM:-2G} nodes=${NODES:-1} timeout=${TIMEOUT:-900} accel=${ACCEL:-tcg}
need qemu-system-x86_64 qemu-system-x86
[ -f "$kernel" ] || die "no kernel image $kernel; build it first"
[ -f "$initramfs" ] || die "no initramfs $initramfs"

mkdir -p "$logdir"
console=$logdir/console.log
ktap=$logdir/ktap.log
rm -f "$console" "$ktap"

# NUMA: node k is socket k, with an equal share of the memory and of the
# vCPUs (ACPI SRAT tells the kernel); a socket across two nodes would make
# the scheduler warn.
case "$nodes" in
''|*[!0-9]*|0) die "NODES=$nodes: say how many NUMA nodes, 1 or more" ;;
esac
smp_opt=$smp numa=()
if [ "$nodes" -gt 1 ]; then
	case "$mem" in
	*[Gg]) mib=$((${mem%[Gg]} * 1024)) ;;
	*[Mm]) mib=${mem%[Mm]} ;;
	*) die "MEM=$mem: with NODES, give it in M or G" ;;
	esac
	[ "$smp" -ge "$nodes" ] || die "NODES=$nodes needs SMP=$nodes or more vCPUs (SMP=$smp)"
	[ $((smp % nodes)) = 0 ] || die "SMP=$smp vCPUs do not split into $nodes equal nodes"
	[ $((mib % nodes)) = 0 ] || die "MEM=$mem does not split into $nodes equal nodes"
	cores=$((smp / nodes))
	smp_opt=$smp,sockets=$nodes,cores=$cores,threads=1
	for ((node = 0; node < nodes; node++)); do
		numa+=(-object "memory-backend-ram,id=mem$node,size=$((mib / nodes))M"
		       -numa "node,nodeid=$node,memdev=mem$node,cpus=$((node * cores))-$((node * cores + cores - 1))")
	done
fi
qemu=(qemu-system-x86_64 -machine q35 -cpu max -smp "$smp_opt" -m "$mem" "${numa[@]}"
	-display none -monitor none -no-reboot)

# KVM guests hang on some hosts although /dev/kvm is there: boot once with
# a 30 s limit and use KVM only if the kernel got as far as running init.
if [ "$accel" = kvm ]; then
	if [ -w /dev/kvm ] && timeout -k 5 30 "${qemu[@]}" -accel kvm -kernel "$kernel" \
		-initrd "$initramfs" -append "console=ttyS0 panic=-1 rdinit=/bin/busybox -- poweroff -f" \
		-serial file:"$logdir/kvm-probe.log" -serial null >/dev/null 2>&1 &&
	   grep -q 'Run /bin/busybox as init' "$logdir/kvm-probe.log"; then
		note "KVM works here: using it"
	else
		note "KVM probe failed (see $logdir/kvm-probe.log): using TCG"
		accel=tcg
	fi
fi
[ "$accel" = tcg ] && accel_opt=tcg,thread=multi || accel_opt=$accel

# follow_console: say when a KUnit suite starts at boot and when init runs.
follow_console() {
	local line
	while IFS= read -r line; do
		line=${line%$'\r'}
		case "$line" in
		*"Run /init as init process"*) note "guest: kernel up, /init started, after $(elapsed "$start")" ;;
		*) note "guest: KUnit at boot: suite ${line##*# Subtest: }, after $(elapsed "$start")" ;;
		esac
	done < <(exec 2>/dev/null; tail --pid=$$ -n +1 -F "$console" |
		grep --line-buffered -E '^\[[ 0-9.]+\]     # Subtest: [^ ]+|Run /init as init process')
}

# follow_ktap: say which guest test starts, and every PROGRESS_SECONDS which
# one is still running.
follow_ktap() {
	local line buf='' n='?' i=0 now="the kernel's boot" t due
	printf -v due '%(%s)T' -1
	due=$((due + PROGRESS_SECONDS))
	while :; do
		printf -v t '%(%s)T' -1
		if [ "$t" -ge "$due" ]; then
			note "guest: still in $now, after $(elapsed "$start")"
			due=$((t + PROGRESS_SECONDS))
		fi
		if IFS= read -r -t $((due - t)) line; then
			line=$buf${line%$'\r'}
			buf=
			case "$line" in
			1..*) n=${line#1..} ;;
			"# guest: running "*)
				i=$((i + 1))
				now="test $i of $n (${line#\# guest: running })"
				note "guest: $now, after $(elapsed "$start")"
				due=$((t + PROGRESS_SECONDS))
				;;
			"# guest: done"*) now="the guest's power-off" ;;
			esac
		elif [ $? -gt 128 ]; then
			buf=$buf$line	# timed out in the middle of a line
		else
			break
		fi
	done < <(exec 2>/dev/null; tail --pid=$$ -n +1 -F "$ktap")
}

note "booting $(basename "$kernel") ($accel, $smp vCPUs, $mem, $nodes NUMA node(s)) with tests: ${*:-all}"
start=$(date +%s)
follow_console &
followers=($!)
follow_ktap &
followers+=($!)
set +e
timeout -k 10 "$timeout" "${qemu[@]}" -accel "$accel_opt" -kernel "$kernel" -initrd "$initramfs" \
	-append "console=ttyS0,115200 panic=-1 loglevel=7 ${APPEND:-} -- $*" \
	-serial file:"$console" -serial file:"$ktap" </dev/null
rc=$?
kill "${followers[@]}" 2>/dev/null
wait "${followers[@]}" 2>/dev/null
set -e
note "guest finished after $(elapsed "$start")"

boot_ok=1
if [ $rc = 124 ] || [ $rc = 137 ]; then
	echo "FAIL: the guest did not finish within $timeout s; last 50 console lines:"
	tail -n 50 "$console"
	boot_ok=0
elif [ $rc != 0 ]; then
	echo "FAIL: qemu exited with status $rc"
	boot_ok=0
fi
touch "$ktap" "$console"
sed 's/\r$//' "$ktap"
if ! grep -q '^# guest: done' "$ktap"; then
	echo "FAIL: the guest stopped before its tests finished; last 50 console lines:"
	tail -n 50 "$console"
	boot_ok=0
fi
if ! splats=$("$TOP/scripts/splat-scan.sh" "$console"); then
	echo "FAIL: kernel splat in $console:"
	echo "$splats"
	boot_ok=0
elif [ -n "$splats" ]; then
	# With KCSAN_SCOPE: the data races outside it, listed
	echo "$splats" | sed 's/^/# /'
fi
summary=$("$TOP/scripts/ktap-summary.sh" "$ktap") || true
echo "$summary" | grep -v '^[0-9]* passed' || true
read -r p _ f _ k _ <<< "$(echo "$summary" | tail -n 1 | tr -d ,)"
# KUnit suites built into the kernel run at boot and print KTAP to the
# console: count them too.
kunit=$logdir/kunit.log
sed -e 's/\r$//' -e 's/^\[[ 0-9.]*\] //' "$console" |
	grep -E '^ *(KTAP version|TAP version|[0-9]+\.\.[0-9]+|(not )?ok [0-9]|# )' > "$kunit" || true
if grep -q '^KTAP version\|^TAP version' "$kunit"; then
	echo "# KUnit at boot:"
	grep -E '^ *(not )?ok [0-9]|^ +# [a-z0-9_]+: ' "$kunit" | sed 's/^/# /'
	ksummary=$("$TOP/scripts/ktap-summary.sh" "$kunit") || true
	read -r kp _ kf _ kk _ <<< "$(echo "$ksummary" | tail -n 1 | tr -d ,)"
	echo "# KUnit at boot: $kp passed, $kf failed, $kk skipped"
	p=$((p + kp)) f=$((f + kf)) k=$((k + kk))
fi
# The suites the caller expects at boot (KUNIT_SUITES="suite:N ..."): each
# must have run to its end with at least N cases, or its results would
# vanish without a failure.
for want in ${KUNIT_SUITES:-}; do
	suite=${want%%:*} n=${want#*:}
	got=$(awk -v s="$suite" '
		$0 ~ "# Subtest: " s "$" { inside = 1; next }
		inside && /^ *1\.\.[0-9]+$/ && !plan { sub(/^ *1\.\./, ""); plan = $0 }
		inside && $0 ~ "^ *(not )?ok [0-9]+ " s "$" { done = 1 }
		END { print (done ? plan + 0 : -1) }' "$kunit" 2>/dev/null || echo -1)
	if [ "$got" -lt 0 ]; then
		echo "not ok - KUnit suite $suite did not run to its end at boot"
		f=$((f + 1))
	elif [ "$got" -lt "$n" ]; then
		echo "not ok - KUnit suite $suite ran $got cases, $n expected"
		f=$((f + 1))
	else
		echo "ok - KUnit suite $suite ran $got cases"
		p=$((p + 1))
	fi
done
# With NODES, the kernel must have brought up every node ("Initmem setup
# node N" at boot), or its NUMA paths did not run.
if [ "$nodes" -gt 1 ]; then
	got=$(grep -c 'Initmem setup node [0-9]' "$console" || true)
	if [ "$got" = "$nodes" ]; then
		echo "ok - NUMA: the kernel brought up $nodes nodes"
		p=$((p + 1))
	else
		echo "not ok - NUMA: the kernel brought up $got nodes of $nodes"
		f=$((f + 1))
	fi
fi
# The boot itself (no splat, no timeout, the guest finished) is one more
# result.
if [ $boot_ok = 1 ]; then
	echo "ok - boot: no splat, guest finished"
	p=$((p + 1))
else
	echo "not ok - boot"
	f=$((f + 1))
fi
echo "$p passed, $f failed, $k skipped"
[ "$f" = 0 ] && [ "$k" = 0 ]
