#!/usr/bin/env bash
# Regenerates the small reference .npy files the tokens tests read, written by numpy itself. Run from anywhere;
# needs python3-numpy (apt-get install -y python3-numpy). The outputs are committed; rerun only to change them.
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
ls -l npy
