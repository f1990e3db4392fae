#!/usr/bin/env bash
# bench/frontier-run-times.sh [WORKDIR] [STEPS]
#
# Measures what one run of the frontier grid (issue 17: sizes 64x2, 128x2, 256x4 x parallel, delay, partial-flatten,
# flatten, depth x 3 seeds = 45 runs) costs on one core, on tokens shaped like the music corpus's (K=4, N=1024,
# 75 frames/s; 40 files of 2000 random frames, imported): each size's five runs train STEPS (default 30) steps with
# one PyTorch thread, then score and sample as eval does. Prints per run: training FLOPs per step (eval's own plan),
# seconds per step, and the rest of the run (scoring, sampling); bench/spark-projection.py turns them into the grid's
# wall time on E executors.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/rvq-frontier-times.XXXXXX")}"
steps="${2:-30}"
mkdir -p "$work"; work="$(cd "$work" && pwd)"
rvq="$root/rvq"
if [[ ! -f "$work/tokens/manifest.json" ]]; then  # random codes (speed does not depend on them), imported
  python3 - "$work/codes" <<'PY'
import os, random, struct, sys
out = sys.argv[1]; os.makedirs(out, exist_ok=True); rng = random.Random(0)
header = "{'descr': '<i2', 'fortran_order': False, 'shape': (4, 2000), }"
header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
for f in range(40):
    with open(f"{out}/f{f:02d}.npy", "wb") as w:
        w.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
        w.write(struct.pack("<8000h", *(rng.randrange(1024) for _ in range(8000))))
PY
  "$rvq" tokens import --frame-rate 75 --codebook-size 1024 --source random "$work/codes" --out "$work/tokens" >/dev/null
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for size in 64x2 128x2 256x4; do
  dim="${size%x*}" layers="${size#*x}"
  t0="$(date +%s.%N)"
  OMP_NUM_THREADS=1 "$rvq" eval --tokens "$work/tokens" --out "$work/report-$size" --threads 1 \
    --dim "$dim" --layers "$layers" --heads "$((dim / 32))" --steps "$steps" --warmup 2 --patience 0 \
    --pattern parallel --pattern delay --pattern partial-flatten --pattern flatten --pattern depth \
    >"$work/eval-$size.log" 2>&1
  t1="$(date +%s.%N)"
  python3 - "$work/report-$size/results.json" "$size" "$steps" "$t0" "$t1" <<'PY'
import json, sys
results, size, steps, t0, t1 = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
runs = json.load(open(results))["runs"]
train = sum(r["training"]["seconds"] for r in runs)
rest = (t1 - t0 - train) / len(runs)   # scoring, sampling, planning and JVM start, shared out per run
for r in runs:
    t = r["training"]
    print(f'{size}\t{r["run"]["model"]}\t{t["flops"] / t["steps"]:.4g}\t{t["seconds"] / t["steps"]:.4f}\t{rest:.1f}')
PY
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
