#!/usr/bin/env bash
# scripts/interop-example.sh [WORKDIR]
#
# The recipes of docs/INTEROP.md end to end, on tiny data: a padded batch of codes [B, K, T] saved from Python (random
# codes standing in for EnCodec's: no codec weights are downloaded) is imported with its lengths, an LM is trained
# on it and sampled; Python reads the samples back; the model is exported, loaded and saved again by
# python/rvqlm_torch.py, and sampling from that copy gives the run's samples byte for byte. Needs python3 with numpy
# and torch (PYTHON=... to pick one). Exits 1 at the first step that fails, naming it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/rvqlm-interop.XXXXXX")}"
python="${PYTHON:-python3}"
mkdir -p "$work"
cd "$work"
rvq() { "$root/rvq" "$@"; }
step() { printf '[interop-example] %s\n' "$*" >&2; }

step "Python: a padded batch of codes [B=3, K=4, T=60] and each item's length"
"$python" - <<'PY'
import numpy as np, os
rng = np.random.default_rng(0)
codes = rng.integers(0, 64, size=(3, 4, 60))                       # as encodec's codes.numpy(): int64 [B, K, T]
lengths = np.array([60, 45, 52])
for b, n in enumerate(lengths):
    codes[b, :, n:] = 0                                             # padding: whatever the codec emitted there
os.makedirs("codes", exist_ok=True)
np.save("codes/batch.npy", codes)
np.save("codes/lengths.npy", lengths)
PY

step "import, train, sample"
rvq tokens import codes/batch.npy --lengths codes/lengths.npy --frame-rate 75 --codebook-size 64 \
    --source fake_encodec --out tokens
rvq train --tokens tokens --model delay --out runs/delay --steps 3 --dim 16 --layers 1 --heads 2 --timesteps 16 \
    --batch-size 2 --threads 1
rvq sample --run runs/delay --timesteps 20 --count 2 --seed 7 --out samples/run --threads 1

step "Python: the samples are [K, T] codes in [0, N)"
"$python" - <<'PY'
import numpy as np
for b in range(2):
    s = np.load(f"samples/run/sample_{b:03d}.npy")
    assert s.shape == (4, 20) and s.min() >= 0 and s.max() < 64, (s.shape, s.min(), s.max())
print("samples ok:", s.dtype, s.shape)
PY

step "export, load and save again in PyTorch, sample from the copy"
rvq export --run runs/delay --out export/delay
PYTHONPATH="$root/python" "$python" - <<'PY'
import torch, rvqlm_torch
model = rvqlm_torch.load("export/delay")
sequence = torch.full((1, model.k, 8), model.n)                  # the all-special first steps of a sequence
assert model.logits(sequence).shape == (1, 7, model.k, model.n)
rvqlm_torch.save(model, "export/tuned")
print("rvqlm_torch: loaded and saved", sum(p.numel() for p in model.parameters()), "parameters")
PY
rvq sample --run export/tuned --timesteps 20 --count 2 --seed 7 --out samples/tuned --threads 1
for b in 000 001; do
  cmp "samples/run/sample_$b.npy" "samples/tuned/sample_$b.npy"
done
step "done: the PyTorch round trip samples as the run ($work)"
