#!/usr/bin/env bash
# The side-by-side speed table of the LM against PyTorch, for a quiet machine (no other jobs; every record carries
# the load it was timed under, and a ratio whose pair saw other processes use more than 0.2 of a core is printed as
# "not comparable"). At 1 and 2 threads, each pair back to back: gen_cache_b1, gen_cache_b8 and
# gen_depth_cache_b1 (rvq's Java engine and DJL alternating in one process, then PyTorch) and train_A (DJL, then
# PyTorch); then the real-time factor of sampling 60 s of audio with the demo's model and with config A.
# About 12 minutes on a quiet 2-core machine with the default BUDGET=10 (timed seconds per benchmark, for the
# slower engine of a sampling benchmark: both engines run as many times, alternating).
#
#   bench/speed-table.sh [OUT_DIR]        # JSON records in OUT_DIR (default speed-YYYYmmdd-HHMMSS), table on stdout
#   THREADS=1 BUDGET=2 bench/speed-table.sh /tmp/smoke   # a quick check of the plumbing (figures mean nothing)
#
# Needs Debian's PyTorch with OpenBLAS: apt-get install -y python3-torch python3-numpy libopenblas0-pthread
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-speed-$(date +%Y%m%d-%H%M%S)}"
budget="${BUDGET:-10}"
python="${PYTHON:-/usr/bin/python3}"
mkdir -p "$out"

if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "speed-table: $python cannot import torch (apt-get install -y python3-torch python3-numpy libopenblas0-pthread)" >&2
  exit 2
fi
"$root/rvq" bench lm --help >/dev/null 2>>"$out/rvq.log" # builds the jar once, before anything is timed

started=$(date +%s)
log() { echo "speed-table: $* (load $(cut -d' ' -f1-3 /proc/loadavg), $(( $(date +%s) - started )) s)" >&2; }

rvq_bench() { # threads, benchmarks
  OMP_NUM_THREADS="$1" "$root/rvq" bench lm --bench "$2" --threads "$1" --seconds "$budget" --engine both --json \
    2>>"$out/rvq.log" >>"$out/rvq-$1.jsonl" || { tail -5 "$out/rvq.log" >&2; exit 1; }
}
torch_bench() { # threads, script, benchmark
  OMP_NUM_THREADS="$1" "$python" "$root/bench/$2" --bench "$3" --threads "$1" --budget "$budget" >>"$out/torch-$1.jsonl"
}

for threads in ${THREADS:-1 2}; do
  for bench in gen_cache_b1 gen_cache_b8 train_A; do
    log "$bench, $threads thread(s)"
    rvq_bench "$threads" "$bench"
    torch_bench "$threads" torch_lm_bench.py "$bench"
  done
  log "gen_depth_cache_b1, $threads thread(s)"
  rvq_bench "$threads" gen_depth_cache_b1
  torch_bench "$threads" torch_depth_bench.py gen_depth_cache_b1
  log "rtf_demo, rtf_A, $threads thread(s)"
  rvq_bench "$threads" rtf_demo,rtf_A
done
log "done"

echo "Speed against PyTorch, median seconds per run (bench/speed-table.sh, BUDGET=$budget, $(date -u +%Y-%m-%dT%H:%MZ)):"
echo
"$root/rvq" bench lm --table "$out"/*.jsonl 2>>"$out/rvq.log"
