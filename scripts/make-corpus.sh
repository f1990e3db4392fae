#!/usr/bin/env bash
# scripts/make-corpus.sh OUTDIR
#
# A small real-audio corpus of speech and music for trying rvqlm on something other than the demo's generated
# pieces, built only from Debian packages (nothing else is downloaded):
#
#   OUTDIR/{train,test}/speech/*.wav   espeak-ng reading the paragraphs below (written for this script; public domain),
#                         one clip per paragraph, the voice and speed changing from clip to clip
#   OUTDIR/{train,test}/music/*.wav    the General MIDI files of two Debian game-music packages (openttd-openmsx, GPL-2;
#                         planetblupi-music-midi, GPL-3+), rendered by FluidSynth with the FluidR3 GM SoundFont
#                         (fluid-soundfont-gm, MIT); one clip of CLIP_SECONDS per file, skipping silent ones
#   every 10th clip of each kind (sorted by name) goes to test/, the others to train/; OUTDIR/train.txt and
#   OUTDIR/test.txt list them (paths relative to OUTDIR)
#   OUTDIR/SOURCES.md     packages, versions and licences
#
# Every clip is mono 16-bit PCM WAV at 24 kHz. The same packages give the same corpus (sox -R). A finished OUTDIR
# holds .complete; running again only prints the summary. Needs root or sudo for apt-get, about 2 minutes.
# Environment: CLIP_SECONDS (default 12); CORPUS_SIZE=tiny makes a corpus of seconds for checks (scripts/
# readme-examples.sh): 6 spoken paragraphs and 6 plucked chords from sox instead of the MIDI packages, every 3rd
# clip a test clip, nothing downloaded.
set -euo pipefail
export LC_ALL=C

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
mkdir -p "$1"
out="$(cd "$1" && pwd)"
clip="${CLIP_SECONDS:-12}"
rate=24000
size="${CORPUS_SIZE:-full}"
stamp="rvqlm-corpus-1 clip=$clip size=$size"
every=10
[[ "$size" == tiny ]] && every=3
say() { printf '[make-corpus] %s\n' "$*" >&2; }

summary() {
  for folder in train/speech train/music test/speech test/music; do
    local n seconds=0
    n=$(find "$out/$folder" -name '*.wav' | wc -l)
    for f in "$out/$folder"/*.wav; do seconds=$(awk -v a="$seconds" -v b="$(soxi -D "$f")" 'BEGIN { print a + b }'); done
    printf '%-13s %3d clips, %5.1f min\n' "$folder" "$n" "$(awk -v s="$seconds" 'BEGIN { print s / 60 }')"
  done
  printf 'train.txt %d clips, test.txt %d clips\n' "$(wc -l < "$out/train.txt")" "$(wc -l < "$out/test.txt")"
}

if [[ -f "$out/.complete" && "$(cat "$out/.complete")" == "$stamp" ]]; then
  say "$out is complete"
  summary
  exit 0
fi

# ---- tools, from Debian
sudo=""
[[ "$(id -u)" == 0 ]] || sudo=sudo
need=()
tools=(sox espeak-ng)
[[ "$size" == tiny ]] || tools+=(fluidsynth fluid-soundfont-gm)
for pkg in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || need+=("$pkg")
done
if (( ${#need[@]} )); then
  say "installing ${need[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

work="$out/.work"
rm -rf "$work"
mkdir -p "$work/debs" "$work/root" "$work/speech" "$work/music"

if [[ "$size" == tiny ]]; then
  # ---- tiny: plucked triads from sox instead of rendered MIDI files
  roots=(196 220 247 262 294 330)
  for i in "${!roots[@]}"; do
    r=${roots[$i]}
    sox -R -V1 -n -r "$rate" -b 16 -c 1 "$work/music/chord-$i.wav" synth 4 pluck "$r" pluck "$((r * 5 / 4))" \
      pluck "$((r * 3 / 2))" gain -n -3
  done
else
soundfont="$(dpkg -L fluid-soundfont-gm | grep -m1 '/FluidR3_GM\.sf2$')"
# ---- MIDI files: the data packages are unpacked here, not installed
declare -A licence=([openttd-openmsx]="GPL-2" [planetblupi-music-midi]="GPL-3+")
declare -A version
for pkg in openttd-openmsx planetblupi-music-midi; do
  if ! (cd "$work/debs" && apt-get download -qq "$pkg" >/dev/null 2>&1); then
    $sudo apt-get update -qq
    (cd "$work/debs" && apt-get download -qq "$pkg" >/dev/null 2>&1) || { say "cannot download $pkg"; exit 1; }
  fi
  deb="$(ls "$work/debs/${pkg}"_*.deb | head -n1)"
  version[$pkg]="$(dpkg-deb -f "$deb" Version)"
  dpkg-deb -x "$deb" "$work/root"
done

# ---- music: render each MIDI file, keep the first CLIP_SECONDS window (from 10 s, else from 0 s) that is not silent
render() {  # midi-file clip-name
  local raw="$work/music/$2.raw.wav" length start level
  fluidsynth -ni -q -g 0.4 -r 44100 -F "$raw" "$soundfont" "$1" >/dev/null 2>&1 || return 0
  length="$(soxi -D "$raw" 2>/dev/null || echo 0)"
  for start in 10 0; do
    awk -v l="$length" -v s="$start" -v c="$clip" 'BEGIN { exit !(l >= s + c) }' || continue
    sox -R -G -V1 "$raw" -b 16 -e signed-integer "$work/music/$2.wav" trim "$start" "$clip" remix - rate -v "$rate"
    level="$(sox "$work/music/$2.wav" -n stat 2>&1 | awk '/^RMS +amplitude/ { print $3 }')"
    if awk -v r="$level" 'BEGIN { exit !(r > 0.005) }'; then break; fi
    rm -f "$work/music/$2.wav"
  done
  rm -f "$raw"
}
count=0
while IFS= read -r midi; do
  name="$(basename "$midi" | tr 'A-Z' 'a-z' | sed -E 's/\.midi?$//; s/[^a-z0-9]+/-/g; s/^-|-$//g')"
  render "$midi" "$name"
  count=$((count + 1))
done < <(find "$work/root" -type f \( -iname '*.mid' -o -iname '*.midi' \) | sort)
say "music: rendered $count MIDI files, kept $(ls "$work/music" | wc -l) clips"

fi

# ---- speech: our own paragraphs, one clip each
voices=(en-us en-gb en-us+f2 en-gb-x-rp+m4 en-029 en-us+m7 en-gb-scotland+f1 en-us+klatt2)
paragraphs=(
"harbour|Early in the morning the harbour is loud with gulls. Fishing boats come back one after another, and the buyers walk along the quay, lifting the lids of the crates and calling out prices."
"kettle|Fill the kettle only as far as you need. Heating a full kettle for a single cup wastes time and energy, and the water that is left over will simply go cold again."
"archive|The town archive keeps every council minute since eighteen sixty. Most of them record small things: a broken bridge rail, a complaint about geese on the green, the price of lamp oil."
"tram|The number nine tram leaves the depot at six, crosses the river twice, and reaches the university about forty minutes later, unless the market is on and the square is closed."
"orchard|In the old orchard, the trees were planted in rows of seven. Nobody remembers why seven, but the apples from the last row have always been the sweetest."
"lecture|Today we will look at how sound is stored on a computer. A microphone turns pressure into voltage, and the converter measures that voltage many thousands of times every second."
"parcel|Your parcel could not be delivered because nobody was at home. It is waiting at the post office on Mill Lane, which is open from nine until half past five on weekdays."
"glacier|The glacier has retreated almost two kilometres in a century. Walking up the valley, you pass markers with dates on them, each one showing where the ice once stood."
"chess|She moved the knight, then paused, with her hand still resting on it. Across the board her grandfather smiled, because he had seen the trap three moves earlier."
"festival|The summer festival begins on Friday with a parade of lanterns. There will be music on two stages, food stalls along the canal, and fireworks at midnight if the weather allows."
"workshop|Sand the board along the grain, starting with the coarse paper and finishing with the fine. Wipe away the dust before you apply the oil, or the surface will feel rough."
"comet|Astronomers expect the comet to be brightest in the second week of April. Look low in the western sky just after sunset, a little to the left of the brightest planet."
"ferry|Passengers for the island ferry should have their tickets ready. Cars board first, then foot passengers. The crossing takes about an hour, and the café on the upper deck is open."
"violin|A violin bow is strung with horse hair. Before playing, the hair is tightened and rubbed with rosin, so that it grips the string instead of sliding over it silently."
"forecast|Tonight will be dry with clear spells, and frost is likely in sheltered places. Tomorrow begins bright, but cloud will spread from the north during the afternoon."
"bees|A single hive may hold fifty thousand bees in summer. The workers that gather nectar live only a few weeks, while those born in autumn survive until the spring."
"recipe|Melt the butter in a wide pan, stir in the flour, and cook it gently for a minute. Then add the milk a little at a time, whisking all the while, until the sauce is smooth."
"hiking|Keep to the marked path above the quarry, since the ground near the edge is loose. The walk to the summit and back takes about three hours at an easy pace."
"radio|Good evening, and welcome to the late news. Heavy rain has closed two roads in the north, the city council has approved the new bridge, and the local team won again."
"clockmaker|The clockmaker worked by the window, where the light was best. He could hear, he said, whether a clock was healthy from across the room, simply by the rhythm of its tick."
)
i=0
[[ "$size" == tiny ]] && paragraphs=("${paragraphs[@]:0:6}")
for entry in "${paragraphs[@]}"; do
  id="${entry%%|*}"
  text="${entry#*|}"
  voice="${voices[$((i % ${#voices[@]}))]}"
  speed=$((140 + (i * 11) % 40))
  espeak-ng -v "$voice" -s "$speed" -w "$work/speech/raw.wav" "$text"
  sox -R -V1 "$work/speech/raw.wav" -b 16 -e signed-integer "$work/speech/$id.wav" remix - rate -v "$rate"
  i=$((i + 1))
done
rm -f "$work/speech/raw.wav"
say "speech: ${#paragraphs[@]} clips"

# ---- split and sources
: > "$work/train.txt"
: > "$work/test.txt"
for kind in speech music; do
  mkdir -p "$work/train/$kind" "$work/test/$kind"
  n=0
  for f in $(cd "$work/$kind" && ls *.wav | sort); do
    n=$((n + 1))
    part=train
    if (( n % every == 0 )); then part=test; fi
    mv "$work/$kind/$f" "$work/$part/$kind/$f"
    echo "$part/$kind/$f" >> "$work/$part.txt"
  done
done
{
  echo "# Sources of this corpus ($stamp)"
  echo
  echo "Made by rvqlm's data/make-corpus.sh; every clip is mono 16-bit PCM WAV at $rate Hz."
  echo
  echo "| what | Debian package | version | licence |"
  echo "|---|---|---|---|"
  if [[ "$size" == tiny ]]; then
    echo "| plucked chords | sox | $(dpkg-query -W -f='${Version}' sox) | GPL-2+ (the tool; the chords are generated) |"
  else
    for pkg in openttd-openmsx planetblupi-music-midi; do
      echo "| MIDI music | $pkg | ${version[$pkg]} | ${licence[$pkg]} |"
    done
    echo "| SoundFont | fluid-soundfont-gm | $(dpkg-query -W -f='${Version}' fluid-soundfont-gm) | MIT |"
    echo "| renderer | fluidsynth | $(dpkg-query -W -f='${Version}' fluidsynth) | LGPL-2.1+ |"
  fi
  echo "| voices | espeak-ng | $(dpkg-query -W -f='${Version}' espeak-ng) | GPL-3+ |"
  echo
  echo "The spoken paragraphs were written for make-corpus.sh and are dedicated to the public domain."
} > "$work/SOURCES.md"

for x in train test train.txt test.txt SOURCES.md; do
  rm -rf "${out:?}/$x"
  mv "$work/$x" "$out/$x"
done
rm -rf "$work"
echo "$stamp" > "$out/.complete"
summary
