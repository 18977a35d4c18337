#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# bench-report.py DIR: turn DIR/results.csv and DIR/meta.txt, written by
# scripts/bench.sh, into DIR/report.md, DIR/summary.md (the key table the
# README quotes), DIR/ratios.dat and DIR/ratios.png (gnuplot).
#
# Every figure is a median over rounds with its min-max; every comparison
# between kernels is a ratio taken within each round (the kernels of a
# round ran one after the other) and then summarised the same way.

import csv
import os
import statistics
import subprocess
import sys

KERNELS = ["base", "series", "series-nomnt", "rival"]
NAMES = {"base": "6.1 base", "series": "6.1 + series", "series-nomnt": "series, no mnt dtor",
         "rival": "6.12"}


class Results:
    def __init__(self, path):
        self.v = {}  # (kernel, workload, metric) -> {round: value}
        self.text = {}  # same key -> {round: text}, for non-numbers
        with open(path) as f:
            for row in csv.DictReader(f):
                key = (row["kernel"], row["workload"], row["metric"])
                r = int(row["round"])
                self.text.setdefault(key, {})[r] = row["value"]
                try:
                    self.v.setdefault(key, {})[r] = float(row["value"])
                except ValueError:
                    pass
        self.kernels = [k for k in KERNELS if any(key[0] == k for key in self.text)]
        self.rounds = sorted({r for d in self.text.values() for r in d})

    def values(self, k, w, m):
        return list(self.v.get((k, w, m), {}).values())

    def ratios(self, num, den):
        """Per-round ratios num/den; num and den are (kernel, workload, metric)."""
        a, b = self.v.get(num, {}), self.v.get(den, {})
        return [a[r] / b[r] for r in sorted(a) if r in b and b[r]]


def median(vals):
    return statistics.median(vals) if vals else None


def fmt(x, digits=1):
    if x is None:
        return "n/a"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def summary(vals, digits=1):
    """median [min-max] (n), or n/a."""
    if not vals:
        return "n/a"
    if len(vals) == 1:
        return fmt(vals[0], digits)
    return f"{fmt(median(vals), digits)} [{fmt(min(vals), digits)}-{fmt(max(vals), digits)}]"


def ratio_summary(vals):
    return summary(vals, 2) + ("x" if vals else "")


def table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def main(outdir):
    res = Results(os.path.join(outdir, "results.csv"))
    with open(os.path.join(outdir, "meta.txt")) as f:
        meta = dict(line.rstrip("\n").split(": ", 1) for line in f if ": " in line)
    knobs = dict(kv.split("=", 1) for kv in meta.get("knobs", "").split())
    ks = res.kernels
    md = []
    targets = []  # (workload, target, measured, verdict)
    chart = {}  # label -> {kernel: ratio}

    def val(k, w, m, digits=1):
        return summary(res.values(k, w, m), digits)

    def cross(w, m, digits=2):
        """Ratios of the series to the base and to the rival, per round."""
        cells = []
        for other in ("base", "rival"):
            if "series" in ks and other in ks:
                cells.append(f"series/{other}: " + ratio_summary(
                    res.ratios(("series", w, m), (other, w, m))))
        return "; ".join(cells)

    md.append("# Shrinker series benchmarks\n")
    md.append(f"Measured {meta.get('date', '?')}, {len(res.rounds)} round(s), kernels "
              "interleaved within each round. Each cell: median [min-max] over rounds; "
              "ratios are taken within a round, then summarised alike.\n")
    md.append(table(["", ""], [[k, v] for k, v in meta.items()]))

    # Workload 1
    md.append("\n## 1. Memcg slab-shrink hot spot\n")
    md.append(f"{knobs.get('BENCH_MEMCGS', '?')} memcgs under one parent, each with its own tmpfs "
              f"and a 64 KiB file written from inside it; {knobs.get('BENCH_CPUS', '?')} "
              "concurrent writers of `1G` to the parent's `memory.reclaim`. tmpfs pages cannot "
              "go without swap, so each request makes the kernel's full retry sequence over all "
              "memcgs (a fixed amount of reclaim work) and ends in EAGAIN. Time: the requests "
              "alone. Profile: the same work again under `perf record -a -e cpu-clock -F 999`; "
              "shares are of all samples. Registry synchronisation = `down_read_trylock`, "
              "`up_read`, `down_read`/`down_write`/`up_write`, `rwsem_*`, `__rcu_read_lock`/"
              "`__rcu_read_unlock`, `shrinker_try_get`/`shrinker_put`, `refcount_*` (functions "
              "inlined in a kernel cannot show up). The whole walk, alike on every kernel: "
              "`shrink_slab*`, `_find_next_bit`, `shrinker_*`, `set_shrinker_bit`, "
              "`do_shrink_slab` and the deferred-work helpers (self time).\n")
    ids = knobs.get("BENCH_W1_IDS")
    md.append("Id space: " + (
        "not set (a run before BENCH_W1_IDS: it is what the workloads before this one left)"
        if ids is None else "fresh (the memcgs' own mounts grow it)" if ids == "0" else
        f"steady ({ids} memcg shrinker ids taken and freed first)") + ".\n")
    md.append(table(["kernel", "reclaim time (ms)", "registry sync (% samples)",
                     "shrink_slab* (% samples)", "whole walk (% samples)"],
                    [[NAMES[k], val(k, "w1", "reclaim_ms"), val(k, "w1", "sync_pct", 2),
                      val(k, "w1", "shrink_slab_pct", 2), val(k, "w1", "walk_pct", 2)] for k in ks]))
    md.append("\nReclaim time, " + (cross("w1", "reclaim_ms") or "no pair to compare") + ".\n")
    last = res.rounds[-1] if res.rounds else None
    tops = []
    for k in ks:
        syms = sorted(((v[last], key[2][4:]) for key, v in res.v.items()
                       if key[0] == k and key[1] == "w1" and key[2].startswith("top:")
                       and last in v), reverse=True)
        tops.append([NAMES[k], ", ".join(f"{s} {p:.1f}%" for p, s in syms[:8]) or "n/a"])
    md.append(f"\nTop symbols in round {last}:\n\n" + table(["kernel", "perf, % of samples"], tops))

    # Workload 2
    md.append("\n## 2. Registration churn (stress-ng --ramfs)\n")
    md.append(f"`stress-ng --ramfs {knobs.get('BENCH_CPUS', '?')} --timeout "
              f"{knobs.get('BENCH_RAMFS_SECONDS', '?')}s --metrics-brief`, bogo ops/s (real time).\n")
    md.append(table(["kernel", "bogo ops/s"], [[NAMES[k], val(k, "w2", "ramfs_ops_per_s")]
                                              for k in ks]))
    md.append("\n" + (cross("w2", "ramfs_ops_per_s") or "no pair to compare") + ".\n")
    if "series" in ks and "series-nomnt" in ks:
        md.append("\nThe mount destructor's share: series-nomnt is the series with its patch "
                  "\"fs: keep a mount's percpu counters while it is free in mnt_cache\" reverted "
                  "(each mount allocates and frees its percpu counters again). "
                  "series/series-nomnt: " + ratio_summary(
                      res.ratios(("series", "w2", "ramfs_ops_per_s"),
                                 ("series-nomnt", "w2", "ramfs_ops_per_s"))) + ".\n")
    prof = [("pcpu_alloc", 2), ("free_percpu", 2), ("mnt_cache_ctor", 2), ("mnt_cache_dtor", 2),
            ("allocate_slab", 2), ("__free_slab", 2), ("alloc_vfsmnt", 2), ("free_vfsmnt", 2)]
    if any(key[1] == "w2" and key[2] == "busy_samples" for key in res.v):
        md.append("\nWhere the time goes: one more 3 s run under `perf record -a -g -e cpu-clock "
                  "-F 999`, % of the busy samples (without `do_idle` on the stack) with the "
                  "function anywhere on the stack (a function the compiler inlined is not seen).\n")
        md.append(table(["kernel"] + [f"{m} (%)" for m, _ in prof],
                        [[NAMES[k]] + [val(k, "w2", f"{m}_pct", d) for m, d in prof] for k in ks]))

    # Workload 3
    md.append("\n## 3. Reclaim under a registration storm\n")
    md.append(f"A test shrinker holds {knobs.get('BENCH_POOL', '?')} freeable objects; a pass "
              "refills it, writes 2 to `drop_caches` and reads what is left. Each phase runs "
              f"{knobs.get('BENCH_STORM_SECONDS', '?')} s: quiet, then with "
              f"{knobs.get('BENCH_CPUS', '?')} threads mounting and unmounting tmpfs in a loop "
              "(each mount registers a shrinker, each umount frees one). A skipped pass freed "
              "nothing. Passes per second also fall under the storm simply because the storm "
              "takes CPU; the share freed per pass does not depend on that.\n")
    md.append(table(["kernel", "freed per pass, quiet (%)", "freed per pass, storm (%)",
                     "skipped passes, storm", "passes, storm", "freed/s quiet", "freed/s storm",
                     "storm mounts/s"],
                    [[NAMES[k], val(k, "w3", "quiet_freed_per_pass_pct", 2),
                      val(k, "w3", "storm_freed_per_pass_pct", 2),
                      val(k, "w3", "storm_skipped_passes", 0), val(k, "w3", "storm_passes", 0),
                      val(k, "w3", "quiet_freed_per_s", 0), val(k, "w3", "storm_freed_per_s", 0),
                      val(k, "w3", "storm_mounts_per_s", 0)] for k in ks]))
    for k in ks:
        chart.setdefault("W3 freed/pass storm/quiet", {})[k] = median(
            res.ratios((k, "w3", "storm_freed_per_pass_pct"), (k, "w3", "quiet_freed_per_pass_pct")))

    # Workload 4
    slow = knobs.get("BENCH_SLOW_MS", "?")
    md.append("\n## 4. Registration behind a slow shrinker\n")
    md.append(f"{knobs.get('BENCH_MOUNT_CYCLES', '?')} tmpfs mount+umount cycles, timed one by "
              "one: first with no reclaim running (idle), then with a shrinker whose scan "
              f"sleeps {slow} ms registered and a reclaimer looping over `drop_caches`, so that "
              "reclaim is inside the slow scan most of the time (slow). Slow calls: scans of "
              "the slow shrinker during the phase.\n")
    md.append(table(["kernel", "idle p50/p99/max (ms)", "slow p50/p99/max (ms)", "slow p99 / idle p99",
                     "slow calls"],
                    [[NAMES[k],
                      " / ".join(val(k, "w4", f"idle_{p}_ms", 2) for p in ("p50", "p99", "max")),
                      " / ".join(val(k, "w4", f"slow_{p}_ms", 2) for p in ("p50", "p99", "max")),
                      ratio_summary(res.ratios((k, "w4", "slow_p99_ms"), (k, "w4", "idle_p99_ms"))),
                      val(k, "w4", "slow_slow_calls", 0)] for k in ks]))
    for k in ks:
        chart.setdefault("W4 p99 slow/idle", {})[k] = median(
            res.ratios((k, "w4", "slow_p99_ms"), (k, "w4", "idle_p99_ms")))

    # Workload 5
    counts = knobs.get("BENCH_WALK_SHRINKERS", "").split(",")
    md.append("\n## 5. Memcg walk scaling\n")
    md.append(f"{knobs.get('BENCH_WALK_MEMCGS', '?')} memcgs, each with 16 objects on the list_lru "
              "of one memcg-aware test shrinker that never frees them; then K idle memcg-aware "
              "shrinkers are registered (register: the time to register all K). One `1G` "
              "request to the parent's `memory.reclaim` cannot be met and makes the full retry "
              "sequence; a pass is one walk over the memcgs, counted by the busy shrinker's "
              "count calls (one per memcg and pass).\n")
    rows = []
    for k in ks:
        for n in counts:
            rows.append([NAMES[k], n, val(k, "w5", f"register_ms_{n}"), val(k, "w5", f"reclaim_ms_{n}"),
                         val(k, "w5", f"pass_us_{n}")])
    md.append(table(["kernel", "K idle shrinkers", "register (ms)", "reclaim request (ms)",
                     "one pass (us)"], rows))
    if len(counts) > 1:
        lo, hi = counts[0], counts[-1]
        md.append(f"\nPass cost at K={hi} over K={lo}, per round: " + "; ".join(
            f"{NAMES[k]} {ratio_summary(res.ratios((k, 'w5', f'pass_us_{hi}'), (k, 'w5', f'pass_us_{lo}')))}"
            for k in ks) + ".\n")
        for k in ks:
            chart.setdefault(f"W5 pass K={hi}/K={lo}", {})[k] = median(
                res.ratios((k, "w5", f"pass_us_{hi}"), (k, "w5", f"pass_us_{lo}")))

    # Workload 8, in runs that have it
    gcounts = [n for n in knobs.get("BENCH_GLOBAL_SHRINKERS", "").split(",") if n]
    has_w8 = any(key[1] == "w8" for key in res.v)
    if has_w8:
        md.append("\n## 8. Global reclaim pass\n")
        md.append("K idle memcg-aware shrinkers (no objects anywhere) are registered, then "
                  f"5 batches of {knobs.get('BENCH_GLOBAL_PASSES', '?')} writes of 2 to "
                  "`/proc/sys/vm/drop_caches` are timed after an untimed one (the median "
                  "batch counts): each write is one "
                  "`shrink_slab()` over every registered shrinker for the root memcg (and a "
                  "walk of each other memcg, which finds nothing). One pass, in us. The idle "
                  "shrinkers have `SHRINKER_ROOT_BIT` where the kernel has it (the series: "
                  "global reclaim calls them only while their bit is set in the root memcg), "
                  "then not (\"without the flag\"; the base and 6.12 call every shrinker both "
                  "times).\n")
        for metric, what in (("pass_us", "With SHRINKER_ROOT_BIT where the kernel has it"),
                             ("plain_pass_us", "Without the flag")):
            if not any(key[1] == "w8" and key[2].startswith(metric + "_") for key in res.v):
                continue
            md.append(f"\n{what}:\n\n")
            md.append(table(["kernel"] + [f"K={n} (us)" for n in gcounts],
                            [[NAMES[k]] + [val(k, "w8", f"{metric}_{n}") for n in gcounts] for k in ks]))
            md.append("\n" + "\n".join(
                f"- K={n}: " + (cross("w8", f"{metric}_{n}") or "no pair to compare")
                for n in gcounts) + "\n")
        if gcounts:
            for k in ks:
                chart.setdefault(f"W8 global pass K={gcounts[-1]} vs base", {})[k] = median(
                    res.ratios((k, "w8", f"pass_us_{gcounts[-1]}"), ("base", "w8", f"pass_us_{gcounts[-1]}")))

    # Workload 6, in runs that have it (it came after the others)
    tc = [("filters_per_s", "filters/s", 0), ("add_per_s", "adds/s", 0), ("del_per_s", "deletes/s", 0),
          ("tc_sys_ms", "tc system time (ms)", 0), ("kernel_ms", "guest kernel time (ms)", 0),
          ("pcpu_alloc_pct", "pcpu_alloc (%)", 2), ("free_percpu_pct", "free_percpu (%)", 2),
          ("pcpu_mutex_pct", "pcpu_alloc_mutex (%)", 2), ("percpu_start_kb", "Percpu before (kB)", 0),
          ("percpu_peak_kb", "Percpu peak (kB)", 0), ("percpu_end_kb", "Percpu after (kB)", 0)]
    has_w6 = any(key[1] == "w6" for key in res.v)
    if has_w6:
        nf = knobs.get("BENCH_TC_FILTERS", "?")
        md.append("\n## 6. tc filter churn\n")
        md.append(f"{knobs.get('BENCH_CPUS', '?')} churner(s) at once ("
                  f"{meta.get('qemu', '?').split('; ')[-2] if '; ' in meta.get('qemu', '') else '? vCPUs'}), "
                  "each with its own dummy netdev and clsact qdisc, add then delete, each with one "
                  f"`tc -b` (iproute2's), {nf} matchall filters at prios 1..{nf}, each with its own "
                  "gact action (three percpu statistics areas an action, which the series keeps "
                  "in the free actions of the `tc_act_gact` cache, and matchall's own percpu "
                  "counters, one a filter, which it does not). One untimed round first, then "
                  f"{knobs.get('BENCH_TC_ROUNDS', '?')} timed rounds, medians in each boot. "
                  "Filters/s: filters added and deleted over the wall time of both phases. tc "
                  "system time: the `tc` processes' (wait4() rusage, all churners, both phases), "
                  "a round. Guest kernel time: system + irq + softirq of all CPUs from "
                  "`/proc/stat` over the round and a second after it, so the deferred frees "
                  "(RCU, workqueues) count too. Shares: one more round under `perf record -a -g "
                  "-e cpu-clock -F 999`, % of the busy samples (those without `do_idle` on the "
                  "stack) with the function anywhere on the "
                  "stack; pcpu_alloc_mutex = samples in a mutex function (or `osq_lock`) called "
                  "from `pcpu_alloc` (a sleeping waiter is not sampled). Percpu: the line of "
                  "`/proc/meminfo` (populated pages) before the churn, at its peak (after an add "
                  "phase), and after it, once two `drop_caches` have run the shrinkers and the "
                  "percpu allocator has had 2 s to depopulate.\n")
        md.append(table(["kernel"] + [name for _, name, _ in tc],
                        [[NAMES[k]] + [val(k, "w6", m, d) for m, _, d in tc] for k in ks]))
        md.append("\n" + "\n".join(
            f"- {name}: " + (cross("w6", m) or "no pair to compare")
            for m, name, _ in tc[:5]) + "\n")
        for m, name, _ in (tc[0], tc[3], tc[4]):
            for k in ks:
                chart.setdefault(f"W6 {name.split(' (')[0]} vs base", {})[k] = median(
                    res.ratios((k, "w6", m), ("base", "w6", m)))

    # Workload 7, in runs that have it (it came after the others)
    slab = [("fast_ns", "no ctor, fast path"), ("refill_ns", "no ctor, refill"),
            ("ctor_fast_ns", "nop ctor, fast path"), ("ctor_refill_ns", "nop ctor, refill")]
    has_w7 = any(key[1] == "w7" for key in res.v)
    if has_w7:
        md.append("\n## 7. Slab allocation without a destructor\n")
        md.append("What the slab allocator costs a cache, in ns per `kmem_cache_alloc()`+"
                  "`kmem_cache_free()` pair, timed with `ktime_get_ns()` in the benchmark module "
                  "(the median of 5 repetitions in each boot), on two 64-byte caches of its own "
                  "(kept apart from kmalloc-64): one plain, as every cache without a destructor, "
                  "and one whose constructor does nothing. Fast path: "
                  f"{knobs.get('BENCH_SLAB_OPS', '?')} pairs of one object at a time. Refill: as "
                  "many pairs in batches of 4096 allocations then 4096 frees, which allocate new "
                  "slabs and free empty ones; `kmem_cache_shrink()` between batches, untimed, "
                  "so that each batch starts from an empty cache.\n")
        md.append(table(["kernel"] + [f"{name} (ns)" for _, name in slab],
                        [[NAMES[k]] + [val(k, "w7", m, 2) for m, _ in slab] for k in ks]))
        # A 2% target wants three digits, and every round's ratio.
        lines = []
        for m, name in slab:
            rs = res.ratios(("series", "w7", m), ("base", "w7", m))
            lines.append(f"- {name}: series/base " + (
                f"{summary(rs, 3)}x; per round " + ", ".join(f"{x:.3f}" for x in rs)
                if rs else "n/a"))
        md.append("\n" + "\n".join(lines) + "\n")
        for m, name in slab[:2]:
            for k in ks:
                chart.setdefault(f"W7 slab {name} vs base", {})[k] = median(
                    res.ratios((k, "w7", m), ("base", "w7", m)))

    # Workload 9, in runs that have it
    lru = [("pair_ns_1", "one writer"), ("pair_ns_all", "a writer per vCPU at once")]
    has_w9 = any(key[1] == "w9" for key in res.v)
    if has_w9:
        md.append("\n## 9. list_lru add and delete in a memcg\n")
        md.append("What `list_lru_add()` of a first object costs, on the path that marks "
                  "the shrinker as having objects in the memcg (`set_shrinker_bit()`): the "
                  f"benchmark module adds one object to a memcg-aware list and deletes it, "
                  f"{knobs.get('BENCH_LRU_OPS', '?')} times, in a memcg; one writer, then one "
                  "writer per vCPU at once, each on a list of its own whose shrinker's bit "
                  "shares a word with the others'. ns per add+delete pair of one writer, "
                  "timed by the guest (the median of 5 in each boot).\n")
        md.append(table(["kernel"] + [f"{name} (ns)" for _, name in lru],
                        [[NAMES[k]] + [val(k, "w9", m, 1) for m, _ in lru] for k in ks]))
        md.append("\n" + "\n".join(f"- {name}: " + (cross("w9", m, 3) or "no pair to compare")
                                    for m, name in lru) + "\n")

    for k in ks:
        chart.setdefault("W1 reclaim time vs base", {})[k] = median(
            res.ratios((k, "w1", "reclaim_ms"), ("base", "w1", "reclaim_ms")))
        chart.setdefault("W2 ramfs ops/s vs base", {})[k] = median(
            res.ratios((k, "w2", "ramfs_ops_per_s"), ("base", "w2", "ramfs_ops_per_s")))

    # Targets
    def verdict(ok):
        return "n/a" if ok is None else ("met" if ok else "**missed**")

    def med_ratio(num, den):
        return median(res.ratios(num, den))

    r = med_ratio(("series", "w1", "reclaim_ms"), ("base", "w1", "reclaim_ms"))
    sync = median(res.values("series", "w1", "sync_pct"))
    targets.append(["1", "series no slower than base; registry sync < 1% of samples",
                    f"time series/base {fmt(r, 3)}x; sync {fmt(sync, 2)}%",
                    verdict(None if r is None or sync is None else r <= 1.0 and sync < 1.0)])
    rb = med_ratio(("series", "w2", "ramfs_ops_per_s"), ("base", "w2", "ramfs_ops_per_s"))
    rr = med_ratio(("series", "w2", "ramfs_ops_per_s"), ("rival", "w2", "ramfs_ops_per_s"))
    if "rival" in ks:
        targets.append(["2", "ops/s >= 1.00x base and >= 1.00x 6.12",
                        f"series/base {fmt(rb, 3)}x; series/6.12 {fmt(rr, 3)}x",
                        verdict(None if rb is None or rr is None else rb >= 1.0 and rr >= 1.0)])
    else:
        targets.append(["2", "ops/s >= 1.00x base (and >= 1.00x 6.12, not measured in this run)",
                        f"series/base {fmt(rb, 3)}x",
                        verdict(None if rb is None else rb >= 1.0)])
    q = median(res.values("series", "w3", "quiet_freed_per_pass_pct"))
    s = median(res.values("series", "w3", "storm_freed_per_pass_pct"))
    sk = res.values("series", "w3", "storm_skipped_passes")
    bsk = res.values("base", "w3", "storm_skipped_passes")
    targets.append(["3", "freed per pass under the storm no worse than quiet",
                    f"series {fmt(q, 2)}% quiet, {fmt(s, 2)}% storm, {fmt(sum(sk), 0) if sk else 'n/a'} "
                    f"skipped passes in all rounds (base: {fmt(sum(bsk), 0) if bsk else 'n/a'})",
                    verdict(None if q is None or s is None else s >= q)])
    p_s = median(res.values("series", "w4", "slow_p99_ms"))
    p_q = median(res.values("series", "w4", "idle_p99_ms"))
    b_s = median(res.values("base", "w4", "slow_p99_ms"))
    try:
        bound = float(slow) / 4
    except ValueError:
        bound = None
    targets.append(["4", f"p99 independent of the slow shrinker (within {fmt(bound, 0)} ms, "
                    f"a quarter of its {slow} ms sleep, of the idle p99)",
                    f"series p99 {fmt(p_s, 2)} ms slow vs {fmt(p_q, 2)} ms idle (base slow: {fmt(b_s, 2)} ms)",
                    verdict(None if p_s is None or p_q is None or bound is None else p_s - p_q < bound)])
    if len(counts) > 1:
        f5 = med_ratio(("series", "w5", f"pass_us_{counts[-1]}"), ("series", "w5", f"pass_us_{counts[0]}"))
        targets.append(["5", f"pass cost flat in K (K={counts[-1]} within 10% of K={counts[0]})",
                        f"series {fmt(f5, 2)}x", verdict(None if f5 is None else f5 <= 1.10)])
    if has_w8 and gcounts:
        for metric, what in (("pass_us", ""), ("plain_pass_us", ", shrinkers without SHRINKER_ROOT_BIT")):
            r8 = [med_ratio(("series", "w8", f"{metric}_{n}"), ("base", "w8", f"{metric}_{n}"))
                  for n in gcounts]
            if metric != "pass_us" and all(r is None for r in r8):
                continue
            targets.append(["8", f"global pass series/base <= 1.00 at every K{what}",
                            "; ".join(f"K={n} {fmt(r, 3)}x" for n, r in zip(gcounts, r8)),
                            verdict(None if None in r8 else max(r8) <= 1.0)])
    if has_w6:
        r_sys = med_ratio(("series", "w6", "tc_sys_ms"), ("base", "w6", "tc_sys_ms"))
        r_k = med_ratio(("series", "w6", "kernel_ms"), ("base", "w6", "kernel_ms"))
        r_f = med_ratio(("series", "w6", "filters_per_s"), ("base", "w6", "filters_per_s"))
        targets.append(["6", "tc system time series/base <= 0.74",
                        f"{fmt(r_sys, 3)}x (guest kernel time, deferred frees included: "
                        f"{fmt(r_k, 3)}x)", verdict(None if r_sys is None else r_sys <= 0.74)])
        targets.append(["6", "filters/s series/base >= 1.3", f"{fmt(r_f, 3)}x",
                        verdict(None if r_f is None else r_f >= 1.3)])
        r_p = med_ratio(("series", "w6", "percpu_end_kb"), ("base", "w6", "percpu_end_kb"))
        if r_p is not None:
            r_pk = med_ratio(("series", "w6", "percpu_peak_kb"), ("base", "w6", "percpu_peak_kb"))
            targets.append(["6", "Percpu after the churn and drop_caches within 10% of the base's",
                            f"{fmt(r_p, 3)}x (peak {fmt(r_pk, 3)}x)",
                            verdict(r_p <= 1.10)])
    if has_w7:
        f7 = med_ratio(("series", "w7", "fast_ns"), ("base", "w7", "fast_ns"))
        r7 = med_ratio(("series", "w7", "refill_ns"), ("base", "w7", "refill_ns"))
        targets.append(["7", "series/base <= 1.02 for caches without a destructor "
                        "(fast path and refill)",
                        f"fast path {fmt(f7, 3)}x; refill {fmt(r7, 3)}x",
                        verdict(None if f7 is None or r7 is None else f7 <= 1.02 and r7 <= 1.02)])

    if has_w9:
        r9 = [med_ratio(("series", "w9", m), ("base", "w9", m)) for m, _ in lru]
        targets.append(["9", "list_lru add+delete series/base <= 1.00 (one writer; all vCPUs)",
                        "; ".join(f"{name} {fmt(r, 3)}x" for (_, name), r in zip(lru, r9)),
                        verdict(None if None in r9 else max(r9) <= 1.0)])

    # A run of some workloads only (BENCH_WORKLOADS): leave out the
    # sections, targets and key rows of the others.
    ran = {key[1][1:] for key in res.v if key[1].startswith("w")}
    kept, skip = [], False
    for part in md:
        if part.startswith("\n## "):
            skip = part[4:].split(".")[0] not in ran
        if not skip:
            kept.append(part)
    md = kept
    targets = [t for t in targets if t[0] in ran]

    md.append("\n## Targets\n")
    md.append(table(["workload", "target", "measured (series, medians)", "verdict"], targets))
    md.append("\n![key ratios](ratios.png)\n")

    with open(os.path.join(outdir, "report.md"), "w") as f:
        f.write("\n".join(md))

    # The key table for the README.
    key = [["1 memcg hot spot: reclaim time (ms)"] + [val(k, "w1", "reclaim_ms") for k in ks],
           ["1 registry sync (% samples)"] + [val(k, "w1", "sync_pct", 2) for k in ks],
           ["2 stress-ng ramfs (bogo ops/s)"] + [val(k, "w2", "ramfs_ops_per_s") for k in ks],
           ["3 freed per pass under storm (%)"] + [val(k, "w3", "storm_freed_per_pass_pct", 2) for k in ks],
           [f"4 mount p99 behind {slow} ms shrinker (ms)"] + [val(k, "w4", "slow_p99_ms", 2) for k in ks]]
    if counts and counts[0]:
        key += [[f"5 reclaim pass, {n} idle shrinkers (us)"] + [val(k, "w5", f"pass_us_{n}") for k in ks]
                for n in counts]
    if "series-nomnt" in ks:
        key.insert(3, ["2 ramfs series/series-nomnt (mount dtor)"] + [
            ratio_summary(res.ratios(("series", "w2", "ramfs_ops_per_s"),
                                     ("series-nomnt", "w2", "ramfs_ops_per_s"))) if k == "series" else ""
            for k in ks])
    if has_w6:
        key += [[f"6 tc churn, {name}"] + [val(k, "w6", m, d) for k in ks]
                for m, name, d in tc if m not in ("add_per_s", "del_per_s")]
    if has_w8:
        key += [[f"8 global pass, {n} idle shrinkers (us)"] + [val(k, "w8", f"pass_us_{n}") for k in ks]
                for n in gcounts]
        key += [[f"8 global pass, {n} idle shrinkers without the flag (us)"] +
                [val(k, "w8", f"plain_pass_us_{n}") for k in ks]
                for n in gcounts if any(rk[1] == "w8" and rk[2] == f"plain_pass_us_{n}" for rk in res.v)]
    if has_w7:
        key += [[f"7 slab alloc+free, {name} (ns)"] + [val(k, "w7", m, 2) for k in ks]
                for m, name in slab[:2]]
    if has_w9:
        key += [[f"9 list_lru add+delete, {name} (ns)"] + [val(k, "w9", m, 1) for k in ks]
                for m, name in lru]
    key = [row for row in key if row[0].split(" ")[0] in ran]
    with open(os.path.join(outdir, "summary.md"), "w") as f:
        f.write(f"Measured {meta.get('date', '?')}: {len(res.rounds)} round(s), "
                f"{meta.get('qemu', '?')}; median [min-max].\n\n")
        f.write(table(["workload"] + [NAMES[k] for k in ks], key))
        f.write("\n" + table(["workload", "target", "measured", "verdict"], targets))

    # The chart: ratios where 1 is the good value (or the base), log scale.
    with open(os.path.join(outdir, "ratios.dat"), "w") as f:
        f.write("label " + " ".join(f'"{NAMES[k]}"' for k in ks) + "\n")
        for label, byk in sorted(chart.items()):
            f.write(f'"{label}" ' + " ".join("?" if byk.get(k) is None else f"{byk[k]:.4f}"
                                              for k in ks) + "\n")
    gp = f"""
set terminal pngcairo size 1100,500 noenhanced
set output '{outdir}/ratios.png'
set title 'Key ratios (median over rounds; 1 = no change / the base)'
set datafile missing '?'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set yrange [0.05:*]
set grid ytics
set xtics rotate by -15
set key top left
plot for [i=2:{len(ks) + 1}] '{outdir}/ratios.dat' using i:xtic(1) title columnheader(i), 1 with lines lc rgb 'black' notitle
"""
    subprocess.run(["gnuplot"], input=gp, text=True, check=True)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not os.path.isfile(os.path.join(sys.argv[1], "results.csv")):
        sys.exit("usage: bench-report.py DIR (with DIR/results.csv and DIR/meta.txt from bench.sh)")
    main(sys.argv[1])
