"""Side-by-side yardstick for einsim's LUT kernel (bench LutBench.lookups): the same LUT mpGEMM (INT8 activations,
4-bit weights, groups of 4, sign-symmetric 8-entry tables, offline-complemented weights, one lookup per bit plane) written
with vectorized NumPy, at the benchmark's sizes M=16, N=256, K=1024. Prints lookups per second; compare with JMH's
ops/s on the same machine. Usage: python3 bench/compare/lut_numpy.py"""
import timeit

import numpy as np

M, N, K, B = 16, 256, 1024, 4
G = K // 4
rng = np.random.default_rng(1)
A = rng.integers(-128, 128, (M, K)).astype(np.int64)
Q = rng.integers(0, 1 << B, (K, N)).astype(np.int64)

# tables: T[t] = -a0 + sum_{j=1..3} (2*bit_{j-1}(t) - 1) * a_j, per row and group
t = np.arange(8)
signs = np.stack([-np.ones(8, dtype=np.int64)] + [2 * ((t >> (j - 1)) & 1) - 1 for j in (1, 2, 3)], axis=1)  # 8 x 4
# offline complement of the weights, per plane: address w'[3:1], negate iff w'_0
planes = [((Q >> b) & 1).reshape(G, 4, N) for b in range(B)]
addr, neg = [], []
for w in planes:
    w0 = w[:, 0, :]
    wp = [w0] + [w[:, j, :] ^ w0 for j in (1, 2, 3)]
    addr.append(wp[1] | (wp[2] << 1) | (wp[3] << 2))
    neg.append(wp[0] == 1)


def lut_gemm():
    tables = np.einsum("mgj,tj->mgt", A.reshape(M, G, 4), signs)          # M x G x 8
    acc = np.zeros((M, N), dtype=np.int64)
    for b in range(B):
        v = np.take_along_axis(tables[:, :, :, None], addr[b][None, :, None, :], axis=2)[:, :, 0, :]   # M x G x N
        v = np.where(neg[b][None], -v, v)
        acc += v.sum(axis=1) << b
    return (acc + ((1 << B) - 1) * A.sum(axis=1, keepdims=True)) // 2


assert np.array_equal(lut_gemm(), A @ Q), "the LUT kernel must equal the direct GEMM"
n = 20
s = timeit.timeit(lut_gemm, number=n) / n
lookups = M * N * G * B
print(f"NumPy LUT mpGEMM {M}x{N}x{K}, {B}-bit: {s * 1e3:.2f} ms per call, {lookups / s:,.0f} lookups/s")
