package einsim.workloads.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each LLM operator as an extended Einsum (or a cascade, for attention and the norms), in the .ein notation of
 * the einsum-cascade module, so the roofline, the mappers and the simulators read one description. Heads are
 * written as (g, r): g indexes the K/V heads and r the query heads that share one, so GQA stays affine.
 */
final class OpEinsums {
    private OpEinsums() {}

    static String text(LlmOp op) {
        switch (op.kind()) {
            case LINEAR: case LM_HEAD:
                return "tensor X[B, T, I]\ntensor W[I, O]\nY[b, t, o] = X[b, t, i] * W[i, o]\n";
            case KV_REMAT:
                return "tensor X[B, T, I]\ntensor W[I, O]\nKV[b, t, o] = X[b, t, i] * W[i, o]  # K and V from cached X\n";
            case QK_MATMUL:
                return "tensor Q[B, G, R, T, E]\ntensor K[B, G, E, C]\nS[b, g, r, t, c] = Q[b, g, r, t, e] * K[b, g, e, c]\n";
            case SV_MATMUL:
                return "tensor P[B, G, R, T, C]\ntensor V[B, G, E, C]\nO[b, g, r, t, e] = P[b, g, r, t, c] * V[b, g, e, c]\n";
            case SOFTMAX:
                return "tensor S[B, G, R, T, C]\n"
                        + "M[b, g, r, t] = S[b, g, r, t, c] :: reduce(max)\n"
                        + "N[b, g, r, t, c] = exp(S[b, g, r, t, c] - M[b, g, r, t])\n"
                        + "D[b, g, r, t] = N[b, g, r, t, c]\n"
                        + "P[b, g, r, t, c] = N[b, g, r, t, c] / D[b, g, r, t]\n";
            case FUSED_ATTENTION:
                return "# FlashAttention: the 1-pass cascade (FuseMax Cascade 5) over key tiles of BR rows\n"
                        + "tensor Q[B, G, R, E, T]\ntensor K[B, G, E, C]\ntensor V[B, G, F, C]\n"
                        + "rank C = C1 * C0\n"
                        + "init:\n"
                        + "  BK[b, g, e, c1, c0] = K[b, g, e, c1*C0 + c0]\n"
                        + "  BV[b, g, f, c1, c0] = V[b, g, f, c1*C0 + c0]\n"
                        + "  RM[b, g, r, c1: c1 = 0, t] = -inf\n"
                        + "  RD[b, g, r, c1: c1 = 0, t] = 0\n"
                        + "  RNV[b, g, r, f, c1: c1 = 0, t] = 0\n"
                        + "body:\n"
                        + "  BQK[b, g, r, c1, c0, t] = Q[b, g, r, e, t] * BK[b, g, e, c1, c0]\n"
                        + "  LM[b, g, r, c1, t] = BQK[b, g, r, c1, c0, t] :: reduce(max)\n"
                        + "  RM[b, g, r, c1 + 1, t] = max(RM[b, g, r, c1, t], LM[b, g, r, c1, t])\n"
                        + "  SLN[b, g, r, c1, c0, t] = exp(BQK[b, g, r, c1, c0, t] - RM[b, g, r, c1 + 1, t])\n"
                        + "  SLD[b, g, r, c1, t] = SLN[b, g, r, c1, c0, t]\n"
                        + "  SLNV[b, g, r, f, c1, t] = SLN[b, g, r, c1, c0, t] * BV[b, g, f, c1, c0]\n"
                        + "  PRM[b, g, r, c1, t] = exp(RM[b, g, r, c1, t] - RM[b, g, r, c1 + 1, t])\n"
                        + "  SPD[b, g, r, c1, t] = RD[b, g, r, c1, t] * PRM[b, g, r, c1, t]\n"
                        + "  RD[b, g, r, c1 + 1, t] = SLD[b, g, r, c1, t] + SPD[b, g, r, c1, t]\n"
                        + "  SPNV[b, g, r, f, c1, t] = RNV[b, g, r, f, c1, t] * PRM[b, g, r, c1, t]\n"
                        + "  RNV[b, g, r, f, c1 + 1, t] = SLNV[b, g, r, f, c1, t] + SPNV[b, g, r, f, c1, t]\n"
                        + "  AV[b, g, r, f, t] = RNV[b, g, r, f, C1, t] / RD[b, g, r, C1, t]\n"
                        + "until c1 >= C1\n";
            case NORM:
                return "tensor X[B, T, H]\ntensor GAMMA[H]\n"
                        + "SS[b, t] = X[b, t, h] * X[b, t, h]\n"
                        + "Y[b, t, h] = X[b, t, h] / sqrt(SS[b, t] / H) * GAMMA[h]  # RMS form\n";
            case ADD:
                return "tensor X[B, T, H]\ntensor R[B, T, H]\nY[b, t, h] = X[b, t, h] + R[b, t, h]\n";
            case ACT:
                return op.shape().kvHeads() == 1
                        ? "tensor G[B, T, I]\ntensor U[B, T, I]\nY[b, t, i] = G[b, t, i] * sigmoid(G[b, t, i]) * U[b, t, i]\n"
                        : "tensor U[B, T, I]\nY[b, t, i] = relu(U[b, t, i])\n";
            case EMBEDDING:
                return "tensor E[V, H]\ntensor ONEHOT[B, T, V]\nX[b, t, h] = ONEHOT[b, t, v] * E[v, h]  # a gather\n";
            case ALL_REDUCE:
                return "tensor X[B, T, H]\nY[b, t, h] = X[b, t, h]  # summed across devices\n";
            default:
                throw new IllegalStateException(op.kind().name());
        }
    }

    static Map<String, Long> sizes(LlmOp op) {
        LlmOp.Shape s = op.shape();
        Map<String, Long> m = new LinkedHashMap<>();
        switch (op.kind()) {
            case LINEAR: case LM_HEAD: case KV_REMAT: case EMBEDDING:
                m.put("B", s.batch());
                m.put("T", s.tokens());
                m.put("I", s.in());
                m.put("O", s.out());
                m.put("V", s.in());
                m.put("H", s.out());
                break;
            case QK_MATMUL: case SV_MATMUL: case SOFTMAX: case FUSED_ATTENTION:
                m.put("B", s.batch());
                m.put("G", s.kvHeads());
                m.put("R", s.groupSize());
                m.put("T", s.tokens());
                m.put("C", s.context());
                m.put("E", s.headDim());
                m.put("F", s.headDim());
                if (op.kind() == OpKind.FUSED_ATTENTION) m.put("C0", gcdTile(s.context(), s.blockRows()));
                break;
            default:
                m.put("B", s.batch());
                m.put("T", s.tokens());
                m.put("H", s.in());
                m.put("I", s.in());
                break;
        }
        return m;
    }

    /** A key-tile size that divides the context: the largest divisor of C not above the block rows. */
    private static long gcdTile(long c, long br) {
        long t = Math.max(1, Math.min(c, br));
        while (c % t != 0) t--;
        return t;
    }
}
