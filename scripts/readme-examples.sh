#!/usr/bin/env bash
# scripts/readme-examples.sh [WORKDIR]
#
# Runs every command of README.md's example blocks, in README order, in a fresh clone of this repository's HEAD
# (committed work only) under WORKDIR, so a newcomer's clone is known to run them as written. The commands are read from README.md itself (indented or fenced
# code lines that start with ./rvq, scripts/ or an environment assignment before ./rvq; '\' continues a line; a
# trailing '# comment' is dropped). To take minutes rather than an hour it runs them on tiny data and with small
# budgets, each change printed before the command it applies to:
#   scripts/make-corpus.sh      with CORPUS_SIZE=tiny (a few seconds of speech and plucked chords, nothing downloaded)
#   rvq demo                    --pieces 4 --piece-seconds 4 --steps 2
#   rvq codec train             --steps 3 (learned, fine) or --iterations 3 (classical)
#   rvq train (a new run)       --steps 3 --dim 16 --layers 1 --heads 2
#   rvq eval                    --steps 2 --dim 16 --layers 1 --heads 2 (with --sizes: 16x1x2,32x1x2) --prompts 1
#                               and 0.3 s + 0.3 s
#   rvq bench lm                --bench mm --seconds 1
#   rvq tokens import           after copying the .npy files of tokens/test to codes/ (the README's numpy step)
# Exits 1 at the first command that fails, naming it. Not part of it: mvn (CI runs the tests itself), this script,
# and commands quoted in running text (measurement recipes such as the benchmarks' full runs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/rvqlm-readme.XXXXXX")}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
say() { printf '[readme-examples] %s\n' "$*" >&2; }

# The example commands of README.md, one per line, continuations joined.
commands() {
  awk '
    /^```/ { fenced = !fenced; next }
    {
      line = $0
      if (!fenced) { if (line !~ /^    /) { pending = ""; next } sub(/^    /, "", line) }
      if (pending != "") { sub(/^ +/, "", line); line = pending " " line; pending = "" }
      if (line ~ /\\$/) { sub(/ *\\$/, "", line); pending = line; next }
      if (line ~ /^(\.\/rvq |scripts\/|[A-Z_]+=[^ ]* +\.\/rvq )/ && line !~ /readme-examples/) {
        sub(/ +# .*$/, "", line)
        print line
      }
    }' "$root/README.md"
}

# Sets "--name value" in a command: replaces the value when the option is given, appends it otherwise.
set_option() {  # command name value
  local cmd="$1" name="$2" value="$3"
  if [[ " $cmd " == *" --$name "* ]]; then
    sed -E "s/--$name [^ ]+/--$name $value/" <<< "$cmd"
  else
    printf '%s --%s %s\n' "$cmd" "$name" "$value"
  fi
}

shrink() {  # command
  local cmd="$1"
  case "$cmd" in
    scripts/make-corpus.sh*) cmd="CORPUS_SIZE=tiny $cmd" ;;
    *"./rvq demo"*)
      for kv in pieces=4 piece-seconds=4 steps=2; do cmd="$(set_option "$cmd" "${kv%%=*}" "${kv#*=}")"; done ;;
    *"./rvq codec train"*)  # each kind refuses the other's budget option
      if [[ " $cmd " == *" --kind classical "* ]]; then cmd="$(set_option "$cmd" iterations 3)"
      else cmd="$(set_option "$cmd" steps 3)"; fi ;;
    *"./rvq train"*)
      if [[ " $cmd " != *" --resume "* ]]; then
        for kv in steps=3 dim=16 layers=1 heads=2; do cmd="$(set_option "$cmd" "${kv%%=*}" "${kv#*=}")"; done
      fi ;;
    *"./rvq eval"*)
      local size="dim=16 layers=1 heads=2"
      if [[ " $cmd " == *" --sizes "* ]]; then size="sizes=16x1x2,32x1x2"; fi  # --sizes replaces --dim and co.
      for kv in steps=2 $size prompts=1 prompt-seconds=0.3 continuation-seconds=0.3; do
        cmd="$(set_option "$cmd" "${kv%%=*}" "${kv#*=}")"
      done ;;
    *"./rvq tokens import"*)  # the README's numpy step, done with token files the earlier examples wrote
      cmd="mkdir -p codes && find tokens/test -name '*.npy' -exec cp {} codes/ \\; && $cmd" ;;
    *"./rvq bench lm"*)  # --budget is the old name of --seconds
      cmd="${cmd//--budget /--seconds }"; cmd="$(set_option "$(set_option "$cmd" bench mm)" seconds 1)" ;;
  esac
  printf '%s\n' "$cmd"
}

mapfile -t examples < <(commands)
if (( ${#examples[@]} == 0 )); then
  say "found no example commands in README.md"
  exit 1
fi
clone="$work/clone"
rm -rf "$clone"
git clone -q "$root" "$clone"
say "fresh clone of $(git -C "$clone" rev-parse --short HEAD) in $clone"
cd "$clone"
n=0
for example in "${examples[@]}"; do
  n=$((n + 1))
  run="$(shrink "$example")"
  say "[$n/${#examples[@]}] $example"
  [[ "$run" == "$example" ]] || say "        as: $run"
  if ! OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" bash -c "$run" < /dev/null > "$work/example-$n.out" \
      2> "$work/example-$n.err"; then
    say "FAILED: $example"
    tail -n 20 "$work/example-$n.err" >&2
    exit 1
  fi
done
say "all ${#examples[@]} README examples ran (outputs in $work)"
