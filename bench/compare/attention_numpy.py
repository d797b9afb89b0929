"""Side-by-side yardstick for einsim's interpreter (bench CascadeBench.interpret): FuseMax Cascade 5
(1-pass attention) written the way a Python user would, with NumPy per M1 iteration, at the benchmark's
sizes M=64, P=64, E=16, F=16, M0=16. Prints runs per second; compare with JMH's ops/s on the same machine.
Usage: python3 bench/compare/attention_numpy.py"""
import math
import timeit

import numpy as np

M, P, E, F, M0 = 64, 64, 16, 16, 16
M1 = M // M0
rng = np.random.default_rng(1)
Q = rng.uniform(-1, 1, (E, P))
K = rng.uniform(-1, 1, (E, M))
V = rng.uniform(-1, 1, (F, M))


def cascade5():
    BK = K.reshape(E, M1, M0)                      # (39)
    BV = V.reshape(F, M1, M0)                      # (40)
    RM = np.full((M1 + 1, P), -np.inf)             # (41)
    RD = np.zeros((M1 + 1, P))                     # (42)
    RNV = np.zeros((F, M1 + 1, P))                 # (43)
    for m1 in range(M1):
        BQK = np.einsum("ep,em->mp", Q, BK[:, m1, :])          # (44)
        LM = BQK.max(axis=0)                                   # (45)
        RM[m1 + 1] = np.maximum(RM[m1], LM)                    # (46)
        SLN = np.exp(BQK - RM[m1 + 1])                         # (47)
        SLD = SLN.sum(axis=0)                                  # (48)
        SLNV = np.einsum("mp,fm->fp", SLN, BV[:, m1, :])       # (49)
        PRM = np.exp(RM[m1] - RM[m1 + 1])                      # (50)
        RD[m1 + 1] = SLD + RD[m1] * PRM                        # (51-52)
        RNV[:, m1 + 1] = SLNV + RNV[:, m1] * PRM               # (53-54)
    return RNV[:, M1] / RD[M1]                                 # (55)


def cascade5_loops():
    """The same cascade as scalar Python loops, the way a generic Python evaluator (fibertree/HiFiber style) runs it."""
    q, k, v = Q.tolist(), K.tolist(), V.tolist()
    rm = [[-float("inf")] * P for _ in range(M1 + 1)]
    rd = [[0.0] * P for _ in range(M1 + 1)]
    rnv = [[[0.0] * P for _ in range(M1 + 1)] for _ in range(F)]
    for m1 in range(M1):
        for p in range(P):
            bqk = [sum(q[e][p] * k[e][m1 * M0 + m0] for e in range(E)) for m0 in range(M0)]
            lm = max(bqk)
            rm[m1 + 1][p] = max(rm[m1][p], lm)
            sln = [math.exp(x - rm[m1 + 1][p]) for x in bqk]
            prm = math.exp(rm[m1][p] - rm[m1 + 1][p])
            rd[m1 + 1][p] = sum(sln) + rd[m1][p] * prm
            for f in range(F):
                slnv = sum(sln[m0] * v[f][m1 * M0 + m0] for m0 in range(M0))
                rnv[f][m1 + 1][p] = slnv + rnv[f][m1][p] * prm
    return [[rnv[f][M1][p] / rd[M1][p] for p in range(P)] for f in range(F)]


def direct():
    S = Q.T @ K
    S = np.exp(S - S.max(axis=1, keepdims=True))
    return (S / S.sum(axis=1, keepdims=True)) @ V.T


assert np.allclose(cascade5().T, direct())
assert np.allclose(np.array(cascade5_loops()), cascade5())
for name, fn in (("numpy cascade5", cascade5), ("numpy direct", direct), ("python loops cascade5", cascade5_loops)):
    n, t = timeit.Timer(fn).autorange()
    best = min(timeit.repeat(fn, number=n, repeat=5)) / n
    print(f"{name}: {1 / best:,.0f} runs/s")
