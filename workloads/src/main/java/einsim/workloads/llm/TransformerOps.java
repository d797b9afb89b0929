package einsim.workloads.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * The operators of one transformer block and of the network's head, with their operations and bytes, by
 * LLM-Viewer's method (llm-viewer brief §4, df2cba9 {@code op_handlers.py}) and einsim's corrections of it
 * ({@link Fix}). With no fix on, every number and the floating-point order are LLM-Viewer's: integer products
 * first, then one multiplication by the byte width.
 */
public final class TransformerOps {
    private TransformerOps() {}

    /** Query and context tokens of one step. */
    public record Step(boolean prefill, long seqlen, long queryTokens, long contextTokens) {
        /** LLM-Viewer: decode processes 1 token against {@code seqlen} cached ones; prefill S against S. */
        public static Step of(boolean prefill, long seqlen, LlmOptions o) {
            if (prefill) return new Step(true, seqlen, seqlen, seqlen);
            return new Step(false, seqlen, 1, o.has(Fix.Q7_DECODE_APPENDS) ? seqlen + 1 : seqlen);
        }
    }

    /** True when LLM-Viewer has a config module for this family (compatibility mode needs one). */
    public static boolean hasLlmViewerEquivalent(ModelConfig m) {
        switch (m.family()) {
            case LLAMA: case MISTRAL: case OPT: return true;
            default: return false;
        }
    }

    /** Checks the options against the model once; one clear sentence when they cannot work together. */
    public static void check(ModelConfig m, LlmOptions o) {
        if (o.isCompat() && !hasLlmViewerEquivalent(m)) {
            throw new WorkloadException(m.id() + " (" + m.family().modelType() + "): no LLM-Viewer equivalent; "
                    + "LLM-Viewer df2cba9 models Llama-style and OPT families only", "drop --compat llm-viewer");
        }
        if (o.isCompat() && o.xquant()) {
            throw new WorkloadException("--kv-cache xquant has no LLM-Viewer equivalent", "drop --compat llm-viewer");
        }
        if (o.tp() > 1) {
            if (m.hiddenSize() % o.tp() != 0 || m.intermediateSize() % o.tp() != 0 || m.numHeads() % o.tp() != 0) {
                throw new WorkloadException("--tp " + o.tp() + " does not divide " + m.id() + "'s hidden size "
                        + m.hiddenSize() + ", intermediate size " + m.intermediateSize() + " and " + m.numHeads()
                        + " heads", "use a tensor-parallel size that divides them, such as 2, 4 or 8");
            }
        }
    }

    /** Head width, K/V width and query width as LLM-Viewer derives them (integer division) or as the config gives. */
    private static long headDim(ModelConfig m, LlmOptions o) {
        return o.has(Fix.ARCHITECTURE) ? m.headDim() : m.hiddenSize() / m.numHeads();
    }

    private static long kvDim(ModelConfig m, LlmOptions o) {
        return o.has(Fix.ARCHITECTURE) ? m.kvDim() : m.hiddenSize() * m.numKvHeads() / m.numHeads();
    }

    /**
     * The block's operators at one step, for one device: LLM-Viewer's order (linears, attention, norms, adds,
     * activation) in compatibility mode, execution order otherwise.
     */
    public static List<LlmOp> block(ModelConfig m, LlmOptions o, Step s, double onchipBufferBytes) {
        long b = o.batch();
        long t = s.queryTokens();
        long c = s.contextTokens();
        long h = m.hiddenSize();
        long heads = m.numHeads();
        long kvHeads = m.numKvHeads();
        long d = headDim(m, o);
        long kvd = kvDim(m, o);
        long qd = o.has(Fix.ARCHITECTURE) ? m.qDim() : h;
        long inter = m.intermediateSize();
        long tp = o.tp();
        double wb = o.weightBytes();
        double ab = o.actBytes();
        double kb = o.kvBytes();
        long layers = m.numLayers();
        boolean arch = o.has(Fix.ARCHITECTURE);
        boolean gated = !arch || m.gatedMlp(); // LLM-Viewer gives every family a gate_proj
        int linBits = Math.max(o.wBits(), o.aBits());
        int attnBits = Math.max(o.aBits(), o.kvBits());
        if (o.isCompat()) {
            linBits = Math.max(linBits, o.kvBits());
            attnBits = linBits;
        }
        // tensor parallelism: LLM-Viewer shards the linears only; with Q12 the heads too (K/V replicated if too few)
        long headsDev = heads;
        long kvHeadsDev = kvHeads;
        if (o.has(Fix.Q12_TENSOR_PARALLEL) && tp > 1) {
            headsDev = heads / tp;
            kvHeadsDev = kvHeads >= tp ? kvHeads / tp : 1;
        }
        long kvdShard = o.has(Fix.Q12_TENSOR_PARALLEL) ? kvHeadsDev * d : kvd / tp;

        List<LlmOp> lin = new ArrayList<>();
        boolean bias = arch && m.linearBias();
        boolean qkvBias = arch && (m.linearBias() || m.qkvBias());
        String qIn = "attn_norm";
        lin.add(linear("q_proj", h, qd / tp, false, qkvBias, b, t, wb, ab, kb, layers, linBits, List.of(qIn), o));
        LlmOp k = linear("k_proj", h, kvdShard, true, qkvBias, b, t, wb, ab, kb, layers, linBits, List.of(qIn), o);
        LlmOp v = linear("v_proj", h, kvdShard, true, qkvBias, b, t, wb, ab, kb, layers, linBits, List.of(qIn), o);
        lin.add(k);
        lin.add(v);
        String attnOut = o.flashAttention() ? "fused_attention" : "sv_matmul";
        lin.add(linear("out_proj", qd / tp, h, false, bias, b, t, wb, ab, kb, layers, linBits, List.of(attnOut), o));
        String mlpIn = arch && m.parallelBlock() ? "attn_norm" : "mlp_norm";
        List<LlmOp> mlp = new ArrayList<>();
        long moeK = arch && m.isMoe() ? m.expertsPerToken() : 1;
        if (arch && m.isMoe()) {
            mlp.add(linear("router", h, m.numExperts(), false, false, b, t, wb, ab, kb, layers, linBits, List.of(mlpIn), o));
        }
        if (gated) {
            mlp.add(expertLinear("gate_proj", h, inter / tp, m, b, t, moeK, wb, ab, layers, linBits, List.of(mlpIn), o, bias));
        }
        mlp.add(expertLinear("up_proj", h, inter / tp, m, b, t, moeK, wb, ab, layers, linBits, List.of(mlpIn), o, bias));
        LlmOp down = expertLinear("down_proj", inter / tp, h, m, b, t, moeK, wb, ab, layers, linBits, List.of("mlp_act"), o,
                bias);

        // attention
        List<LlmOp> attn = new ArrayList<>();
        long scores = o.has(Fix.Q6_CAUSAL) && o.causal() ? t * (c - t) + t * (t + 1) / 2 : t * c;
        long group = Math.max(1, headsDev / Math.max(1, kvHeadsDev));
        LlmOp.Shape attnShape = new LlmOp.Shape(b, t, c, 0, 0, kvHeadsDev, group, d, 0);
        double kvLoadScale = o.xquant() && !s.prefill() ? 0.0 : 1.0; // XQuant: K/V come from the fused remat
        if (o.flashAttention()) {
            long br = Math.min((long) Math.ceil(onchipBufferBytes / (kb * d)), d);
            long nr = (long) Math.ceil((double) t / br);
            long qkOps = t * c * d * headsDev * b * 2;
            long svOps = t * d * c * headsDev * b * 2;
            long smOps = b * headsDev * c * t * 5;
            if (o.has(Fix.Q6_CAUSAL) && o.causal()) {
                qkOps = scores * d * headsDev * b * 2;
                svOps = qkOps;
                smOps = b * headsDev * scores * 5;
            }
            double q = (t * d * b * headsDev) * ab;
            double out = (t * d * b * headsDev) * ab;
            long kvRows;
            if (o.has(Fix.Q6_CAUSAL) && o.causal()) {
                kvRows = 0; // row block j reads keys up to its last query: min(C, (C - T) + (j+1)·Br)
                for (long j = 0; j < nr; j++) kvRows += Math.min(c, (c - t) + (j + 1) * br);
            } else {
                kvRows = nr * c;
            }
            double lkv = (kvRows * d * b * kvHeadsDev) * kb * 2 * kvLoadScale;
            attn.add(new LlmOp("fused_attention", OpKind.FUSED_ATTENTION, layers, qkOps + svOps + smOps, 0, q,
                    o.has(Fix.Q8_FA_STORE_ONCE) ? out : out * 2, lkv, 0, attnBits, List.of("q_proj", "k_proj", "v_proj"),
                    new LlmOp.Shape(b, t, c, 0, 0, kvHeadsDev, group, d, br)));
        } else {
            long qHeads = o.has(Fix.Q1_QUERY_HEADS) || !s.prefill() ? headsDev : kvHeadsDev;
            long qkOps = (o.has(Fix.Q6_CAUSAL) && o.causal() ? scores : t * c) * d * headsDev * b * 2;
            attn.add(new LlmOp("qk_matmul", OpKind.QK_MATMUL, layers, qkOps, 0, (t * d * b * qHeads) * ab,
                    (t * c * b * headsDev) * ab, (c * d * b * kvHeadsDev) * kb * kvLoadScale, 0, attnBits,
                    List.of("q_proj", "k_proj"), attnShape));
            long svOps = (o.has(Fix.Q6_CAUSAL) && o.causal() ? scores : t * c) * d * headsDev * b * 2;
            attn.add(new LlmOp("sv_matmul", OpKind.SV_MATMUL, layers, svOps, 0, (t * c * b * headsDev) * ab,
                    (t * d * b * headsDev) * ab, (c * d * b * kvHeadsDev) * kb * kvLoadScale, 0, attnBits,
                    List.of("softmax", "v_proj"), attnShape));
            long n = b * headsDev * c * t;
            long smOps = (o.has(Fix.Q6_CAUSAL) && o.causal() ? b * headsDev * scores : n) * 5;
            attn.add(new LlmOp("softmax", OpKind.SOFTMAX, layers, smOps, 0, n * ab, n * ab, 0, 0, o.aBits(),
                    List.of("qk_matmul"), attnShape));
        }

        // norms, residual adds, activation
        long n = b * h * t;
        double normWeights = arch ? (m.layerNorm() ? 2 * h : h) * wb : 0;
        List<LlmOp> elem = new ArrayList<>();
        int aBits = o.isCompat() ? linBits : o.aBits();
        LlmOp.Shape hs = LlmOp.Shape.elementwise(b, t, h);
        elem.add(new LlmOp("attn_norm", OpKind.NORM, layers, n * 7, normWeights, n * ab, n * ab, 0, 0, aBits,
                List.of("input"), hs));
        if (!(arch && m.parallelBlock())) {
            elem.add(new LlmOp("mlp_norm", OpKind.NORM, layers, n * 7, normWeights, n * ab, n * ab, 0, 0, aBits,
                    List.of("attn_add"), hs));
        }
        double addLoad = o.has(Fix.Q9_ADD_LOADS_BOTH) ? n * ab * 2 : n * ab;
        elem.add(new LlmOp("attn_add", OpKind.ADD, layers, n, 0, addLoad, n * ab, 0, 0, aBits,
                List.of("input", "out_proj"), hs));
        elem.add(new LlmOp("mlp_add", OpKind.ADD, layers, n, 0, addLoad, n * ab, 0, 0, aBits,
                List.of(arch && m.parallelBlock() ? "input" : "attn_add", "down_proj"), hs));
        if (o.has(Fix.Q2_ACT_SIZE)) {
            long na = b * t * moeK * (inter / tp);
            double per = Double.isNaN(o.actOps()) ? activationOps(m.activation(), gated) : o.actOps();
            long ops = Math.round(per * na);
            elem.add(new LlmOp("mlp_act", OpKind.ACT, layers, ops, 0, gated ? na * ab * 2 : na * ab, na * ab, 0, 0, aBits,
                    gated ? List.of("gate_proj", "up_proj") : List.of("up_proj"),
                    new LlmOp.Shape(b, t, 0, inter / tp, inter / tp, gated ? 1 : 0, 0, 0, 0)));
        } else {
            elem.add(new LlmOp("mlp_act", OpKind.ACT, layers, n * 2, 0, n * ab * 2, n * ab, 0, 0, aBits,
                    List.of("gate_proj", "up_proj"), new LlmOp.Shape(b, t, 0, h, h, 1, 0, 0, 0)));
        }

        // XQuant: X (the attn_norm output) is cached instead of K and V; decode rematerialises K and V
        LlmOp remat = null;
        if (o.xquant()) {
            long width = xWidth(m, o, kvd);
            double xb = o.xBits() / 8.0;
            LlmOp an = elem.get(0);
            elem.set(0, new LlmOp(an.name(), an.kind(), an.repeat(), an.ops(), an.loadWeightBytes(), an.loadActBytes(),
                    an.storeActBytes(), 0, (b * t * width) * xb, an.computeBits(), an.inputs(), an.shape()));
            lin.set(1, withoutKvStore(k));
            lin.set(2, withoutKvStore(v));
            if (!s.prefill()) {
                long cached = c - t;
                // MHA: K = X·W_k and V = X·W_v from the h-wide X: 2·(2·kvd)·h·S·B; GQA: from rank-r_k/r_v X: 2·S·B·(r_k+r_v)·kvd
                long ops = m.usesGqa() ? 2 * cached * b * width * kvdShard : 2 * (2 * kvdShard) * h * cached * b;
                long rematWidth = m.usesGqa() ? width : h;
                remat = new LlmOp("kv_remat", OpKind.KV_REMAT, layers, ops, 0, 0, 0, (cached * b * width) * xb, 0,
                        Math.max(o.wBits(), o.xBits()), List.of("attn_norm"),
                        LlmOp.Shape.linear(b, cached, rematWidth, 2 * kvdShard));
            }
        }

        List<LlmOp> out = new ArrayList<>();
        if (o.has(Fix.ARCHITECTURE)) {
            // execution order
            out.add(elem.get(0));
            out.addAll(lin.subList(0, 3));
            if (remat != null) out.add(remat);
            out.addAll(attn);
            out.add(lin.get(3));
            out.add(find(elem, "attn_add"));
            if (o.has(Fix.Q12_TENSOR_PARALLEL) && tp > 1) out.add(allReduce("attn_all_reduce", b, t, h, ab, tp, layers));
            LlmOp mn = find(elem, "mlp_norm");
            if (mn != null) out.add(mn);
            out.addAll(mlp);
            out.add(find(elem, "mlp_act"));
            out.add(down);
            out.add(find(elem, "mlp_add"));
            if (o.has(Fix.Q12_TENSOR_PARALLEL) && tp > 1) out.add(allReduce("mlp_all_reduce", b, t, h, ab, tp, layers));
        } else {
            // LLM-Viewer's insertion order, which its float sums follow
            out.addAll(lin);
            out.addAll(mlp);
            out.add(down);
            if (remat != null) out.add(remat);
            out.addAll(attn);
            out.addAll(elem);
            if (o.has(Fix.Q12_TENSOR_PARALLEL) && tp > 1) {
                out.add(allReduce("attn_all_reduce", b, t, h, ab, tp, layers));
                out.add(allReduce("mlp_all_reduce", b, t, h, ab, tp, layers));
            }
        }
        return out;
    }

    private static LlmOp find(List<LlmOp> ops, String name) {
        for (LlmOp x : ops) if (x.name().equals(name)) return x;
        return null;
    }

    private static LlmOp withoutKvStore(LlmOp x) {
        return new LlmOp(x.name(), x.kind(), x.repeat(), x.ops(), x.loadWeightBytes(), x.loadActBytes(), x.storeActBytes(),
                x.loadKvBytes(), 0, x.computeBits(), x.inputs(), x.shape());
    }

    /** Cached X width per token: h for multi-head attention, r_k + r_v (default 2·kvd) under GQA. */
    public static long xWidth(ModelConfig m, LlmOptions o, long kvd) {
        if (!m.usesGqa()) return m.hiddenSize();
        return o.xRank() > 0 ? 2 * o.xRank() : 2 * kvd;
    }

    private static LlmOp allReduce(String name, long b, long t, long h, double ab, long tp, long layers) {
        // ring all-reduce: each device sends and receives 2(tp-1)/tp of the B·T·h activation over its link
        double bytes = (b * t * h) * ab;
        return new LlmOp(name, OpKind.ALL_REDUCE, layers, 0, 0, bytes * 2 * (tp - 1) / tp, 0, 0, 0, 0, List.of(),
                LlmOp.Shape.elementwise(b, t, h));
    }

    /** Operations per activation element: SiLU 4 (negate, exp, add, divide), GELU 8 (tanh form), ReLU 1; +1 when gated. */
    public static double activationOps(String act, boolean gated) {
        double per;
        switch (act == null ? "" : act) {
            case "relu": per = 1; break;
            case "gelu": case "gelu_new": case "gelu_pytorch_tanh": case "gelu_fast": per = 8; break;
            case "silu": case "swish": default: per = 4; break;
        }
        return gated ? per + 1 : per;
    }

    private static LlmOp linear(String name, long ic, long oc, boolean kvProj, boolean bias, long b, long t, double wb,
                                double ab, double kb, long layers, int bits, List<String> inputs, LlmOptions o) {
        long ops = ic * oc * b * t * 2;
        double lw = (ic * oc) * wb;
        if (bias) {
            ops += oc * b * t;
            lw += oc * wb;
        }
        return new LlmOp(name, OpKind.LINEAR, layers, ops, lw, (ic * b * t) * ab, kvProj ? 0 : (oc * b * t) * ab, 0,
                kvProj ? (oc * b * t) * kb : 0, bits, inputs, LlmOp.Shape.linear(b, t, ic, oc));
    }

    /** An MLP linear; with experts, each token runs k of them and a step loads the weights of those it touches. */
    private static LlmOp expertLinear(String name, long ic, long oc, ModelConfig m, long b, long t, long k, double wb,
                                      double ab, long layers, int bits, List<String> inputs, LlmOptions o, boolean bias) {
        if (k == 1 && !(o.has(Fix.ARCHITECTURE) && m.isMoe())) {
            return linear(name, ic, oc, false, bias, b, t, wb, ab, 0, layers, bits, inputs, o);
        }
        long touched = Math.min(m.numExperts(), b * t * k);
        long ops = ic * oc * b * t * k * 2;
        double lw = (touched * ic * oc) * wb;
        return new LlmOp(name, OpKind.LINEAR, layers, ops, lw, (ic * b * t * k) * ab, (oc * b * t * k) * ab, 0, 0, bits,
                inputs, LlmOp.Shape.linear(b, t * k, ic, oc));
    }

    /**
     * The head: LLM-Viewer's lm_head alone (1 OP per MAC, no batch, one position), or with the corrections the
     * final norm and an lm_head over {@code T_lm} positions (the last one in prefill, unless all are asked for).
     */
    public static List<LlmOp> head(ModelConfig m, LlmOptions o, Step s) {
        long b = o.batch();
        long h = m.hiddenSize();
        long vocab = m.vocabSize();
        double wb = o.weightBytes();
        double ab = o.actBytes();
        int bits = o.isCompat() ? Math.max(Math.max(o.wBits(), o.aBits()), o.kvBits()) : Math.max(o.wBits(), o.aBits());
        long tlm = s.prefill() && o.lmHeadAllPositions() ? s.queryTokens() : 1;
        List<LlmOp> out = new ArrayList<>();
        if (o.has(Fix.ARCHITECTURE)) {
            long n = b * s.queryTokens() * h;
            out.add(new LlmOp("final_norm", OpKind.NORM, 1, n * 7, (m.layerNorm() ? 2 * h : h) * wb, n * ab, n * ab, 0, 0,
                    o.aBits(), List.of("input"), LlmOp.Shape.elementwise(b, s.queryTokens(), h)));
        }
        long ops = o.has(Fix.Q3_LM_HEAD_OPS) ? 2 * b * tlm * h * vocab : b * h * vocab * 1;
        double la = o.has(Fix.Q4_LM_HEAD_BATCH) ? (b * tlm * h) * ab : h * ab;
        double sa = o.has(Fix.Q4_LM_HEAD_BATCH) ? (b * tlm * vocab) * ab : vocab * ab;
        out.add(new LlmOp("lm_head", OpKind.LM_HEAD, 1, ops, (h * vocab) * wb, la, sa, 0, 0, bits,
                List.of(o.has(Fix.ARCHITECTURE) ? "final_norm" : "input"), LlmOp.Shape.linear(b, tlm, h, vocab)));
        return out;
    }

    /** The token embedding (corrected mode): a gather of B·T rows; no OPs. */
    public static LlmOp embedding(ModelConfig m, LlmOptions o, Step s) {
        long rows = o.batch() * s.queryTokens();
        long h = m.hiddenSize();
        return new LlmOp("embed_tokens", OpKind.EMBEDDING, 1, 0, (rows * h) * o.weightBytes(), 0, (rows * h) * o.actBytes(),
                0, 0, o.aBits(), List.of(), LlmOp.Shape.linear(o.batch(), s.queryTokens(), m.vocabSize(), h));
    }
}
