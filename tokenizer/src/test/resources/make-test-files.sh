#!/usr/bin/env bash
# Regenerates the small reference audio files the tokenizer tests read: FLAC / OGG Vorbis files written by sox
# (the .npy fixtures live in the tokens module). Run from anywhere; needs sox
# (apt-get install -y sox libsox-fmt-base). The outputs are committed; rerun only to change them.
set -euo pipefail
cd "$(dirname "$0")"
# 3 s of a 440 Hz sine at 8 kHz, -6 dBFS, 16-bit; the same samples as FLAC and as OGG Vorbis.
sox -R -n -r 8000 -c 1 -b 16 audio/sine440.wav synth 3 sine 440 vol 0.5
sox -R audio/sine440.wav audio/sine440.flac
# vorbisspi decodes nothing from very small files (8 kHz, 3 s), so the OGG is the same sine resampled to 24 kHz.
sox -R audio/sine440.wav -r 24000 -C 3 audio/sine440.ogg
sox -R -n -r 8000 -c 2 -b 16 audio/stereo.flac synth 1 sine 440 sine 880 vol 0.5
ls -l audio
