#!/usr/bin/env bash
# bench/codec-vs-opus.sh [WORKDIR]
#
# Quality of the rvqlm codec against Opus at 3, 6 and 12 kbit/s, with the same metric code for both:
#   1. builds the speech + music corpus with scripts/make-corpus.sh (24 kHz mono WAV, train/ and test/);
#   2. trains one codec (K=16, N=1024, 75 frames/s) on the clips in train/;
#   3. on the clips in test/: rvqlm decoded with its first 4, 8 and all 16 codebooks (3, 6, 12 kbit/s) via
#      `rvq codec eval`; Opus (`opusenc --bitrate 3|6|12`, `opusdec --rate 24000`) via `rvq codec compare`;
#   4. prints one table: log-mel distance and MR-STFT (lower is better; MR-STFT also split into spectral
#      convergence and log-magnitude) and SI-SNR (higher is better) per system.
# Needs opus-tools (installed with apt-get when missing). Environment: KIND (fine, the default, learned or
# classical), STEPS (learned and fine, default 3000), ITERATIONS (classical, default 300), SEED (default 0),
# RVQ (the rvq command; default: the ./rvq launcher).
set -euo pipefail
export LC_ALL=C
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-${TMPDIR:-/tmp}/rvqlm-codec-vs-opus}"
iterations="${ITERATIONS:-300}"
steps="${STEPS:-3000}"
kind="${KIND:-fine}"
seed="${SEED:-0}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
# RVQ overrides the command, e.g. RVQ="java -Dai.djl.offline=true -jar cli/target/rvq.jar" (word-split).
read -r -a rvq <<< "${RVQ:-$root/rvq}"
log() { printf '[codec-vs-opus %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if ! command -v opusenc >/dev/null || ! command -v opusdec >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  log "installing opus-tools"
  $SUDO apt-get update -qq >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq opus-tools >&2
fi

log "corpus (scripts/make-corpus.sh)"
bash "$root/scripts/make-corpus.sh" "$work/corpus" >&2
rm -rf "$work/train" "$work/test"
cp -r "$work/corpus/train" "$work/train"
cp -r "$work/corpus/test" "$work/test"
log "train: $(find "$work/train" -name '*.wav' | wc -l) clips, test: $(find "$work/test" -name '*.wav' | wc -l) clips"

codec="$work/codec-k16.rvq"
if [ "$kind" = classical ]; then run=(--iterations "$iterations"); else run=(--steps "$steps"); fi
log "training the $kind codec (K=16, N=1024, ${run[*]}, seed $seed)"
start=$(date +%s)
OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" "${rvq[@]}" codec train --kind "$kind" --audio "$work/train" --out "$codec" \
  --codebooks 16 --codebook-size 1024 "${run[@]}" --seed "$seed" > "$work/train.txt"
log "trained in $(( $(date +%s) - start )) s"
"${rvq[@]}" codec eval --codec "$codec" --audio "$work/test" --report "$work/report" > "$work/eval.txt"

for kbps in 3 6 12; do
  out="$work/opus-$kbps"
  rm -rf "$out"; mkdir -p "$out"
  (cd "$work/test" && find . -name '*.wav' | sort) | while read -r f; do
    mkdir -p "$out/$(dirname "$f")"
    opusenc --quiet --bitrate "$kbps" "$work/test/$f" "$out/tmp.opus"
    opusdec --quiet --rate 24000 "$out/tmp.opus" "$out/$f"
  done
  rm -f "$out/tmp.opus"
  "${rvq[@]}" codec compare --reference "$work/test" --degraded "$out" --sample-rate 24000 --label "opus-${kbps}k" \
    --out "$work/opus-$kbps.json" > "$work/opus-$kbps.txt"
done

{
  echo "codec-vs-opus on $(find "$work/test" -name '*.wav' | wc -l) test clips of the corpus (24 kHz mono)"
  printf '%-12s %8s %10s %10s %10s %10s %10s\n' system kbit/s log-mel SI-SNR MR-STFT MR-SC MR-logmag
  for k in 2 4 8 16; do
    awk -v k="$k" '$1 == k && NF == 8 { printf "%-12s %8.2f %10s %10s %10s %10s %10s\n", "rvqlm k=" k, $2, $5, $4, $6, $7, $8; exit }' \
      "$work/eval.txt"
  done
  for kbps in 3 6 12; do
    awk -v s="opus-${kbps}k" -v r="$kbps" '$1 == s { printf "%-12s %8s %10s %10s %10s %10s %10s\n", "opus", r, $5, $4, $6, $7, $8 }' \
      "$work/opus-$kbps.txt"
  done
  echo
  echo "rvqlm at every k (from rvq codec eval; plot: $work/report/codec-eval.png):"
  cat "$work/eval.txt"
} | tee "$work/summary.txt"
