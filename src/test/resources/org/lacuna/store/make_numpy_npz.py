"""Writes the NumPy-made .npz files that NpzWeightsTest reads (the tests do not run Python).

Run from this folder: python3 make_numpy_npz.py  (numpy 2.4.6 made the committed files).
"""
import numpy as np

a = (np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5 - 1).astype(np.float32)
a[0, 0] = -0.0
a[1, 2] = np.float32(1e-45)  # a denormal: bits must survive
f = np.asfortranarray(np.arange(6, dtype=np.float32).reshape(3, 2) + 0.25)  # written with fortran_order True
w = np.sin(np.arange(2 * 3 * 3 * 3, dtype=np.float32)).reshape(2, 3, 3, 3)
arrays = {"a": a, "f.weight": f, "conv.weight": w, "conv.bias": np.array([0.0, 0.1], dtype=np.float32),
          "s": np.float32(2.5)}
np.savez("numpy-float32.npz", **arrays)
np.savez_compressed("numpy-float32-compressed.npz", **arrays)
np.savez("numpy-mixed.npz", ok=a, d=a.astype(np.float64), i=np.arange(3, dtype=np.int64),
         h=a.astype(np.float16), be=a.astype(">f4"))
