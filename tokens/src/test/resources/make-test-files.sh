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

# rvq tokens import from PyTorch: batches [B, K, T] and other layouts, .npz archives, safetensors, lengths, padding.
import json, struct
batch = (np.arange(3 * 2 * 6).reshape(3, 2, 6) * 7) % 50          # [B=3, K=2, T=6], values known to the tests
np.save("imports/batch_bkt.npy", batch.astype("<i8"))               # what torch's codes.numpy() gives
np.save("imports/batch_btk.npy", np.ascontiguousarray(batch.transpose(0, 2, 1)).astype("<i4"))
np.save("imports/clip_tk.npy", np.ascontiguousarray(batch[0].T).astype("<i2"))
np.save("imports/lengths.npy", np.array([6, 4, 5], dtype="<i8"))
open("imports/lengths.txt", "w").write("6\n4\n5\n")
padded = batch.copy()
padded[1, :, 4:] = -1                                                # item 1: 4 frames, item 2: 5 frames
padded[2, :, 5:] = -1
np.save("imports/padded_bkt.npy", padded.astype("<i8"))
padded[2, 0, 3] = -1                                                 # a pad code inside a frame is not padding
np.save("imports/stray_pad_bkt.npy", padded.astype("<i8"))
np.savez("imports/arrays.npz", first=batch[0].astype("<i4"), second=batch[1].astype("<i8"))
np.savez_compressed("imports/batch.npz", codes=batch.astype("<i2"), scales=np.ones(3, dtype="<f4"))

# No Debian package ships safetensors (PyPI is not reachable here), so the safetensors files are written by this
# transcription of the format's reference serializer (safetensors' serialize(): "__metadata__" first, tensors laid
# out by descending dtype alignment then name, compact JSON padded with spaces to a multiple of 8, little-endian).
SAFE_DTYPES = {"i1": "I8", "u1": "U8", "i2": "I16", "u2": "U16", "i4": "I32", "u4": "U32", "i8": "I64",
               "u8": "U64", "f4": "F32", "f8": "F64"}
def save_safetensors(path, tensors, metadata=None):
    header = {"__metadata__": metadata} if metadata else {}
    blobs, offset = [], 0
    for name, a in sorted(tensors.items(), key=lambda kv: (-kv[1].dtype.alignment, kv[0])):
        data = np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": SAFE_DTYPES[a.dtype.str[1:]], "shape": list(a.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
save_safetensors("imports/batch.safetensors", {"codes": batch.astype("<i8"), "scales": np.ones(3, dtype="<f4")},
                 {"format": "pt"})
save_safetensors("imports/two.safetensors", {"left": batch[0].astype("<i4"), "right": batch[2].astype("u1")})
PY
ls -l npy imports
