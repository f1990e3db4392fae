#!/usr/bin/env python3
"""bench/spark-projection.py RUN_TIMES.tsv [--steps 3000] [--seeds 3] [--overhead 3] [--startup 60]

Projects the frontier grid (every size x model of RUN_TIMES.tsv, from bench/frontier-run-times.sh, times --seeds)
onto 1, 8, 32 and 128 one-core executors. A run takes steps x seconds-per-step + its scoring and sampling + Spark's
overhead per run; runs are started costliest first, each on the first free executor (what `rvq eval --spark` does:
one task per run, partitions in cost order). The grid's wall time is the startup plus the last run's end. Also
prints the two bounds that stop the scaling: the longest run, and the total work over the executors."""
import argparse
import heapq

p = argparse.ArgumentParser()
p.add_argument("times")
p.add_argument("--steps", type=int, default=3000, help="steps per run (eval's cap; early stopping ends runs sooner)")
p.add_argument("--seeds", type=int, default=3)
p.add_argument("--overhead", type=float, default=3.0, help="Spark's measured overhead per run, seconds")
p.add_argument("--startup", type=float, default=60.0, help="driver planning, executors' start and first task, s")
a = p.parse_args()

runs = []
for line in open(a.times):
    size, model, flops, step_s, rest = line.rstrip("\n").split("\t")
    for seed in range(a.seeds):
        runs.append((a.steps * float(step_s) + float(rest) + a.overhead, f"{model} {size} seed {seed}"))
runs.sort(reverse=True)
total = sum(t for t, _ in runs)


def makespan(executors):
    free = [0.0] * executors
    heapq.heapify(free)
    end = 0.0
    for t, _ in runs:
        start = heapq.heappop(free)
        heapq.heappush(free, start + t)
        end = max(end, start + t)
    return end


def hours(s):
    return f"{s / 3600:.1f} h" if s >= 3600 else f"{s / 60:.0f} min"


print(f"{len(runs)} runs at {a.steps} steps; total work {hours(total)}; longest run {runs[0][1]}: {hours(runs[0][0])}")
print("| executors | grid wall time | bound: longest run | bound: work / executors | idle share |")
print("|---|---|---|---|---|")
for e in (1, 8, 32, 128):
    m = makespan(e)
    print(f"| {e} | {hours(a.startup + m)} | {hours(runs[0][0])} | {hours(total / e)} | {1 - total / (e * m):.0%} |")
