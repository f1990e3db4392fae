#!/usr/bin/env bash
# Regenerates the small reference .npy files the tokens tests read, written by numpy itself. Run from anywhere;
# needs numpy: apt-get install -y python3-numpy, or PYTHON=/path/to/python3 with numpy. The outputs are committed;
# rerun only to change them.
set -euo pipefail
cd "$(dirname "$0")"
"${PYTHON:-/usr/bin/python3}" - <<'PY'
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
# rvq tokens import: any integer dtype, either byte order, C or Fortran order; object arrays refused.
for dtype in ["<i2", ">i2", "<u2", "<i4", ">i4", ">u4", "<i8", ">i8", "<u8"]:
    name = dtype.replace("<", "le_").replace(">", "be_")
    np.save(f"npy/import_{name}.npy", codes.astype(dtype))
np.save("npy/import_be_i8_fortran.npy", np.asfortranarray(codes.astype(">i8")))
np.save("npy/import_u1.npy", (codes % 100).astype("u1"))             # values known: EXPECTED % 100
np.save("npy/import_i1.npy", (codes % 100).astype("i1"))
np.save("npy/import_object.npy", np.array([[1, "x"], [2, None]], dtype=object), allow_pickle=True)
np.save("npy/import_float64.npy", codes.astype("<f8"))
np.save("npy/import_negative.npy", np.where(codes == 259, -1, codes).astype("<i4"))
np.save("npy/import_huge_u8.npy", np.where(codes == 259, 2**63 + 5, codes).astype("<u8"))
PY
ls -l npy
