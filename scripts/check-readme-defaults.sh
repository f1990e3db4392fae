#!/usr/bin/env bash
# scripts/check-readme-defaults.sh [FILE.md ...]   (default: README.md)
#
# Every default a document quotes must be the one `rvq ... --help` prints. A quoted default is written in one fixed
# form, the command and the option in backticks and the value in parentheses right after:
#
#     `rvq train --steps` (default 3000)
#     `rvq codec train --codebook-size` (default 1024)
#
# For each such quote the script runs `./rvq CMD --help` (once per command), finds the option's entry (its wrapped
# description joined) and compares the value after "default " there (up to ";" or ")") with the quoted one, as
# text. Exits 1 naming every mismatch and every quoted option that --help does not list; 0 when all agree.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
files=("$@")
(( ${#files[@]} )) || files=(README.md)

quotes="$(grep -ohE '`rvq [a-z ]+ --[a-z0-9-]+` \(default [^)]*\)' "${files[@]}" || true)"
if [[ -z "$quotes" ]]; then
  echo "check-readme-defaults: no quoted defaults in ${files[*]}"
  exit 0
fi

declare -A helps
failures=0
checked=0
while IFS= read -r quote; do
  words="$(sed -E 's/^`rvq ([a-z ]+) --([a-z0-9-]+)` \(default (.*)\)$/\1|\2|\3/' <<< "$quote")"
  command="${words%%|*}"; rest="${words#*|}"; option="${rest%%|*}"; quoted="${rest#*|}"
  if [[ -z "${helps[$command]+x}" ]]; then
    # shellcheck disable=SC2086
    helps[$command]="$(./rvq $command --help)"
  fi
  # the option's entry: its line and the indented continuation lines of its description, joined
  entry="$(awk -v opt="--$option" '
      /^     --/ { inside = ($1 == opt) }
      /^[^ ]/ { inside = 0 }
      inside { printf "%s ", $0 }' <<< "${helps[$command]}" | tr -s ' ')"
  checked=$((checked + 1))
  if [[ -z "$entry" ]]; then
    echo "MISSING rvq $command --help has no --$option (quoted: $quote)"
    failures=$((failures + 1))
    continue
  fi
  shown="$(grep -oE '\(default [^;)]*' <<< "$entry" | head -1 | sed -E 's/^\(default //; s/ +$//')"
  if [[ "$shown" != "$quoted" ]]; then
    echo "MISMATCH rvq $command --$option: the document says (default $quoted), --help says (default $shown)"
    failures=$((failures + 1))
  fi
done <<< "$quotes"
echo "check-readme-defaults: $checked quoted defaults, $failures wrong"
(( failures == 0 ))
