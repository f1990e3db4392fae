#!/usr/bin/env bash
# bench/spark-speed.sh [WORKDIR]
#
# Spark's cost per eval run, and the speed-up of a second executor, on this machine (run it on an idle machine: the
# figures are wall times). Starts its own standalone cluster (bench/spark-cluster.sh: a master and two one-core
# workers on loopback) and a token corpus (rvq tokens synth), then:
#   1. overhead: the same grids of N = 4 and N = 8 small runs (delay, seeds 0..N-1, 16x1 model, 40 steps) with
#      --jobs 1 and on Spark with one executor (spark.cores.max=1). The cost of one more run is the slope
#      (T(8) - T(4)) / 4; Spark's overhead per run is its slope minus the local slope, so start-up (JVMs, the
#      executor's first task: assembly download, DJL unpack, token copy) cancels out and is printed apart.
#   2. scaling: 4 equal runs (delay, seeds 0..3, 64x2 model, STEPS steps, default 1000) on one executor and on two
#      (one core each); the ratio two/one (target <= 0.6); REPEAT=3 runs three pairs and reports the median one.
# Every command is printed before it runs. Prints a summary table at the end; logs stay in WORKDIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/rvq-spark-speed.XXXXXX")}"
mkdir -p "$work"; work="$(cd "$work" && pwd)"
steps="${STEPS:-1000}"
rvq="$root/rvq"
say() { printf '[spark-speed] %s\n' "$*" >&2; }

# wall seconds of a command, its output in LOG
timed() {  # LOG COMMAND...
  local log="$1"; shift
  say "$*"
  local t0 t1; t0="$(date +%s.%N)"
  "$@" >"$log" 2>&1 || { cat "$log" >&2; say "failed: $*"; exit 1; }
  t1="$(date +%s.%N)"
  python3 -c "print(f'{$t1 - $t0:.2f}')"
}

"$rvq" encode --help --spark local >/dev/null   # builds the Spark assembly once, outside the timings
"$rvq" tokens synth --out "$work/synth" --files 40 --frames 500 >/dev/null
master="$("$root/bench/spark-cluster.sh" start "$work/cluster" 2)"
trap '"$root/bench/spark-cluster.sh" stop "$work/cluster"' EXIT
say "cluster $master; load: $(cut -d' ' -f1-3 /proc/loadavg)"

small=(--tokens "$work/synth" --model delay --dim 16 --layers 1 --heads 2 --steps 40 --eval-every 20
       --prompts 1 --prompt-seconds 0.2 --continuation-seconds 0.3 --threads 1)
one=(-Dspark.driver.host=127.0.0.1 -Dspark.cores.max=1 -Dspark.executor.memory=1g)
two=(-Dspark.driver.host=127.0.0.1 -Dspark.cores.max=2 -Dspark.executor.memory=1g)

declare -A T
for n in 4 8; do
  T[local$n]="$(timed "$work/local$n.log" "$rvq" eval "${small[@]}" --seeds "$n" --out "$work/local$n" --jobs 1)"
  T[spark$n]="$(RVQ_JAVA_OPTS="${one[*]}" timed "$work/spark$n.log" \
                  "$rvq" eval "${small[@]}" --seeds "$n" --out "$work/spark$n" --spark "$master")"
done

equal=(--tokens "$work/synth" --model delay --dim 64 --layers 2 --heads 2 --steps "$steps" --patience 0
       --prompts 1 --prompt-seconds 0.2 --continuation-seconds 0.5 --seeds 4 --threads 1)
# REPEAT pairs, one executor then two, each from a fresh report directory; the median pair is reported
ratios=()
for r in $(seq 1 "${REPEAT:-1}"); do
  one_s="$(RVQ_JAVA_OPTS="${one[*]}" timed "$work/one$r.log" "$rvq" eval "${equal[@]}" --out "$work/one$r" --spark "$master")"
  two_s="$(RVQ_JAVA_OPTS="${two[*]}" timed "$work/two$r.log" "$rvq" eval "${equal[@]}" --out "$work/two$r" --spark "$master")"
  say "pair $r: one executor $one_s s, two $two_s s"
  ratios+=("$one_s $two_s")
done
read -r _ T[one] T[two] < <(printf '%s\n' "${ratios[@]}" | awk '{print $2 / $1, $0}' | sort -n \
  | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')  # the pair with the median ratio

python3 - "${T[local4]}" "${T[local8]}" "${T[spark4]}" "${T[spark8]}" "${T[one]}" "${T[two]}" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys
l4, l8, s4, s8, one, two = map(float, sys.argv[1:7])
local_run, spark_run = (l8 - l4) / 4, (s8 - s4) / 4
print(f"| measure | seconds |\n|---|---|")
print(f"| local --jobs 1, 4 / 8 runs | {l4:.1f} / {l8:.1f} |")
print(f"| Spark, one executor, 4 / 8 runs | {s4:.1f} / {s8:.1f} |")
print(f"| one more run: local / Spark | {local_run:.2f} / {spark_run:.2f} |")
print(f"| Spark's overhead per run | {spark_run - local_run:.2f} |")
print(f"| Spark's fixed cost (start-up, first task) | {(s4 - 4 * spark_run) - (l4 - 4 * local_run):.1f} |")
print(f"| 4 equal runs on 1 / 2 executors | {one:.1f} / {two:.1f} (ratio {two / one:.2f}) |")
print(f"\nload average at the end: {sys.argv[7]}")
PY
