#!/usr/bin/env bash
# Regenerates the small reference files the tokenizer tests read: .npy files written by numpy itself and
# FLAC / OGG Vorbis files written by sox. Run from anywhere; needs python3-numpy and sox
# (apt-get install -y python3-numpy sox libsox-fmt-base). The outputs are committed; rerun only to change them.
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/python3 - <<'PY'
import numpy as np
codes = (np.arange(3 * 5).reshape(3, 5) * 37) % 1024            # [K=3, T=5], values known to the tests
np.save("npy/int16_c.npy", codes.astype("<i2"))
np.save("npy/int32_c.npy", codes.astype("<i4"))
np.save("npy/int32_fortran.npy", np.asfortranarray(codes.astype("<i4")))
np.save("npy/int16_bigendian.npy", codes.astype(">i2"))
np.save("npy/float32.npy", codes.astype("<f4"))
np.save("npy/int64.npy", codes.astype("<i8"))
np.save("npy/int16_3d.npy", codes.reshape(3, 5, 1).astype("<i2"))
np.lib.format.write_array(open("npy/int32_v2.npy", "wb"), codes.astype("<i4"), version=(2, 0))
np.save("npy/empty_k2.npy", np.zeros((2, 0), dtype="<i2"))
PY
# 3 s of a 440 Hz sine at 8 kHz, -6 dBFS, 16-bit; the same samples as FLAC and as OGG Vorbis.
sox -R -n -r 8000 -c 1 -b 16 audio/sine440.wav synth 3 sine 440 vol 0.5
sox -R audio/sine440.wav audio/sine440.flac
# vorbisspi decodes nothing from very small files (8 kHz, 3 s), so the OGG is the same sine resampled to 24 kHz.
sox -R audio/sine440.wav -r 24000 -C 3 audio/sine440.ogg
sox -R -n -r 8000 -c 2 -b 16 audio/stereo.flac synth 1 sine 440 sine 880 vol 0.5
ls -l npy audio
