package einsim.mappers.lowbit;

import einsim.arch.lowbit.LowBitAccelerator;
import einsim.workloads.llm.Family;
import einsim.workloads.llm.ModelConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BitModSim: the per-layer analytic model of BitMoD's simulator for whole LLMs (lowbit brief §4): every linear layer
 * (lm_head included) and two attention products per block, each costing max(compute, DRAM) cycles at 1 GHz, layers
 * not overlapping, batch as given. Three modes:
 * <ul>
 *   <li>{@link Mode#BITMOD_SIM}: the authors' version A exactly (the paper's plots; {@code totals.csv}), quirks Q1–Q6;</li>
 *   <li>{@link Mode#BITMOD_SIM_UPSTREAM}: version B, the official HEAD (brief §4.7);</li>
 *   <li>{@link Mode#CORRECTED} (einsim's default): version A's accelerators and precisions with the quirks fixed: a
 *       bit-serial weight of b bits takes ceil(b/2) cycles (Q1); attention has its real shapes, per KV head, with
 *       the KV cache read at 16 bits (Q3) and computed at the KV precision (Q2), at the given context (Q6).</li>
 * </ul>
 * Counts are exact integers: weight bits are multiples of 1/16 and bytes are rounded up per row as the reference does.
 */
public final class BitModSim {
    public enum Mode {
        BITMOD_SIM, BITMOD_SIM_UPSTREAM, CORRECTED;

        public static Mode parse(String s) {
            if (s == null) return CORRECTED;
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "bitmod-sim" -> BITMOD_SIM;
                case "bitmod-sim-upstream" -> BITMOD_SIM_UPSTREAM;
                default -> throw new IllegalArgumentException("unknown compatibility mode '" + s + "' (use bitmod-sim or bitmod-sim-upstream)");
            };
        }
    }

    /** Bytes of the weight SRAM (and of the activation SRAM): 512 KiB. */
    public static final long SRAM_BYTES = 524_288;
    /** DRAM bytes per cycle: a 128-bit interface at double data rate. */
    public static final long DRAM_BYTES_PER_CYCLE = 32;

    /**
     * One layer as the simulator sees it: a [cout × cin] weight (or K/V cache) times {@code tokens} input vectors of
     * {@code cinInput} values, repeated {@code repeat} times (blocks, KV heads, batch).
     *
     * @param weightBits16 weight precision in sixteenths of a bit
     * @param latency      cycles per tile
     * @param copies       independent copies inside one repetition (KV heads × batch for attention): they multiply the
     *                     tiles and every byte count, and the refetch rule sees the multiplied bytes (version B)
     */
    public record Layer(String name, long cout, long cin, long tokens, long cinInput, long weightBits16, long latency, long repeat,
                        long copies) {
        public Layer(String name, long cout, long cin, long tokens, long cinInput, long weightBits16, long latency, long repeat) {
            this(name, cout, cin, tokens, cinInput, weightBits16, latency, repeat, 1);
        }
    }

    /**
     * One layer's cost, for one repetition; {@code repeat} repetitions are in the total.
     *
     * @param fW weight refetch factor; @param fI input refetch factor
     */
    public record LayerCost(String name, long repeat, long tiles, long computeCycles, long dramCycles, long weightBytes, long inputBytes,
                            long outputBytes, long fW, long fI, Layer layer) {
        public long cycles() { return Math.max(computeCycles, dramCycles); }

        public long dramBytes() { return Math.addExact(Math.addExact(Math.multiplyExact(weightBytes, fW), Math.multiplyExact(inputBytes, fI)), outputBytes); }
    }

    /**
     * @param weightBits the weight precision used for the linear layers
     */
    public record Report(String accelerator, String model, boolean prefill, long context, long batch, Mode mode, double weightBits,
                         int rows, int cols, long totalCycles, long computeCycles, List<LayerCost> layers) {}

    private BitModSim() {}

    public static long sixteenths(double bits) {
        double x = bits * 16;
        if (!(bits > 0) || x != Math.rint(x) || x > 1024) {
            throw new IllegalArgumentException("weight bits " + bits + " must be a positive multiple of 1/16 (such as 4, 4.5 or 3.0625), at most 64");
        }
        return (long) x;
    }

    /** The weight bits an accelerator charges for a model and stage ({@code override} if given). */
    public static double weightBits(LowBitAccelerator a, String modelId, boolean prefill, Double override, Mode mode) {
        if (override != null) return override;
        if (mode == Mode.BITMOD_SIM_UPSTREAM && (a.name().equals("ant") || a.name().equals("olive"))) {
            int i = LowBitAccelerator.STUDY_MODELS.indexOf(modelId);
            if (i >= 0) {
                double[] ant = {5, 5, 5.25, 5, 4, 5};
                double[] olive = {4, 4, 4, 4, 4, 4.5};
                return a.name().equals("ant") ? ant[i] : olive[i];
            }
        }
        if (prefill) return a.prefillWeightBits();
        double b = a.decodeWeightBits(modelId);
        if (Double.isNaN(b)) {
            throw new IllegalArgumentException(a.name() + " has no profiled decode weight precision for " + modelId
                    + " (only for BitMoD's six study models); give --w-bit B");
        }
        return b;
    }

    public static Report run(LowBitAccelerator a, ModelConfig m, boolean prefill, long context, long batch, Double wBitOverride, Mode mode) {
        if (context < 1) throw new IllegalArgumentException("context " + context + " must be at least 1 token");
        if (batch < 1) throw new IllegalArgumentException("batch " + batch + " must be at least 1");
        double wBits = weightBits(a, m.id(), prefill, wBitOverride, mode);
        long w16 = sixteenths(wBits);
        if (a.bitSerial() && w16 < 32) {
            throw new IllegalArgumentException(a.name() + " is bit-serial over 2-bit weight terms: give at least 2 weight bits (got " + wBits + ")");
        }
        long lat = latency(a, w16, mode);
        int h = a.rows(prefill);
        int w = a.cols(prefill);
        long t = prefill ? Math.multiplyExact(context, batch) : batch;
        List<Layer> layers = new ArrayList<>();
        long nl = m.numLayers();
        for (long[] lin : linears(m)) {
            layers.add(new Layer(names(m)[(int) lin[2]], lin[0], lin[1], t, lin[1], w16, lat, Math.multiplyExact(nl, lin[3])));
        }
        layers.add(new Layer("lm_head", m.vocabSize(), m.hiddenSize(), t, m.hiddenSize(), w16, lat, 1));
        layers.addAll(attention(a, m, prefill, context, batch, lat, mode));
        List<LayerCost> costs = new ArrayList<>();
        long total = 0;
        long compute = 0;
        for (Layer l : layers) {
            LayerCost c = cost(l, a.dotProduct(), h, w);
            costs.add(c);
            total = Math.addExact(total, Math.multiplyExact(c.cycles(), l.repeat()));
            compute = Math.addExact(compute, Math.multiplyExact(c.computeCycles(), l.repeat()));
        }
        return new Report(a.name(), m.id(), prefill, context, batch, mode, wBits, h, w, total, compute, costs);
    }

    /** Cycles per tile: 1, or the bit-serial weight's 2-bit terms. */
    static long latency(LowBitAccelerator a, long w16, Mode mode) {
        if (!a.bitSerial()) return 1;
        long whole = w16 / 16;
        if (mode == Mode.BITMOD_SIM) return Math.round(Math.rint(whole / 2.0)); // Python round(): half to even (Q1)
        return (whole + 1) / 2;
    }

    /**
     * [cout, cin, name index, copies] per block, as the model's nn.Linear layers: q, k, v, the output projection, then
     * gate/up/down (gated MLPs) or up/down (fc1/fc2); a mixture of experts adds its router and runs its FFN once per
     * active expert (a token reads only those experts' weights).
     */
    static List<long[]> linears(ModelConfig m) {
        long hd = m.hiddenSize();
        long q = m.qDim();
        long kv = m.kvDim();
        long ffn = m.intermediateSize();
        long experts = m.isMoe() ? Math.max(1, m.expertsPerToken()) : 1;
        List<long[]> out = new ArrayList<>();
        out.add(new long[]{q, hd, 0, 1});
        out.add(new long[]{kv, hd, 1, 1});
        out.add(new long[]{kv, hd, 2, 1});
        out.add(new long[]{hd, q, 3, 1});
        if (m.isMoe()) out.add(new long[]{m.numExperts(), hd, 7, 1});
        if (m.gatedMlp()) {
            out.add(new long[]{ffn, hd, 4, experts});
            out.add(new long[]{ffn, hd, 5, experts});
            out.add(new long[]{hd, ffn, 6, experts});
        } else {
            out.add(new long[]{ffn, hd, 5, experts});
            out.add(new long[]{hd, ffn, 6, experts});
        }
        return out;
    }

    /** The linear layers of one block as [cout, cin, name index, copies] (see {@link #layerNames}). */
    public static List<long[]> linearShapes(ModelConfig m) { return linears(m); }

    /** The layer names the name indices of {@link #linearShapes} refer to, in the model family's spelling. */
    public static String[] layerNames(ModelConfig m) { return names(m); }

    static String[] names(ModelConfig m) {
        boolean fc = m.family() == Family.OPT || m.family() == Family.PHI || m.family() == Family.GPT2 || m.family() == Family.BERT;
        return fc ? new String[]{"q_proj", "k_proj", "v_proj", "out_proj", "gate_proj", "fc1", "fc2", "router"}
                : new String[]{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "router"};
    }

    private static List<Layer> attention(LowBitAccelerator a, ModelConfig m, boolean prefill, long ctx, long batch, long lat, Mode mode) {
        long h = m.hiddenSize();
        long nh = m.numHeads();
        long nkv = m.numKvHeads();
        long nl = m.numLayers();
        long kvd = h / nh * nkv;
        long p16 = 16 * 16;
        List<Layer> out = new ArrayList<>();
        if (mode == Mode.BITMOD_SIM) {
            // version A (Q2, Q3): the weight's latency, shapes wrong by constant factors, batch 1
            if (prefill) {
                out.add(new Layer("attn_qk", ctx, h, Math.multiplyExact(Math.multiplyExact(nh, ctx), batch), kvd, p16, lat, nl));
                out.add(new Layer("attn_v", Math.multiplyExact(nh, ctx), ctx, Math.multiplyExact(ctx, batch), kvd, p16, lat, nl));
            } else {
                out.add(new Layer("attn_qk", 1, h, Math.multiplyExact(nh, batch), kvd, p16, lat, nl));
                out.add(new Layer("attn_v", nh, ctx, batch, kvd, p16, lat, nl));
            }
            return out;
        }
        // per KV head: K [ctx × hd] against g (or g·L) query vectors; V [hd × ctx] against as many score vectors
        long hd = mode == Mode.BITMOD_SIM_UPSTREAM ? h / nh : m.headDim();
        long g = nh / nkv;
        long tok = prefill ? Math.multiplyExact(g, ctx) : g;
        long kv16 = mode == Mode.BITMOD_SIM_UPSTREAM && a.bitSerial() ? 8 * 16 : 16 * 16;
        long kvLat = a.bitSerial() ? ((kv16 / 16) + 1) / 2 : 1;
        out.add(new Layer("attn_qk", ctx, hd, tok, hd, kv16, kvLat, nl, Math.multiplyExact(nkv, batch)));
        out.add(new Layer("attn_v", hd, ctx, tok, ctx, kv16, kvLat, nl, Math.multiplyExact(nkv, batch)));
        return out;
    }

    /** §4.3–4.5 for one layer. */
    static LayerCost cost(Layer l, int dp, int h, int w) {
        long tiles = Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(ceilDiv(l.cin(), dp), ceilDiv(l.cout(), h)), ceilDiv(l.tokens(), w)),
                l.copies());
        long compute = Math.multiplyExact(tiles, l.latency());
        long wBytes = Math.multiplyExact(Math.multiplyExact(ceilDiv(Math.multiplyExact(l.cin(), l.weightBits16()), 128), l.cout()), l.copies());
        long iBytes = Math.multiplyExact(Math.multiplyExact(2 * l.cinInput(), l.tokens()), l.copies());
        long oBytes = Math.multiplyExact(Math.multiplyExact(2 * l.cout(), l.tokens()), l.copies());
        long fW = 1;
        long fI = 1;
        if (wBytes > SRAM_BYTES && iBytes > SRAM_BYTES) {
            long aa = ceilDiv(iBytes, SRAM_BYTES);
            long bb = ceilDiv(wBytes, SRAM_BYTES);
            // refetch the weights a times or the inputs b times, whichever moves fewer bytes; a tie refetches inputs (Q4)
            if (Math.addExact(Math.multiplyExact(aa, wBytes), iBytes) < Math.addExact(Math.multiplyExact(bb, iBytes), wBytes)) fW = aa;
            else fI = bb;
        }
        long bytes = Math.addExact(Math.addExact(Math.multiplyExact(wBytes, fW), Math.multiplyExact(iBytes, fI)), oBytes);
        return new LayerCost(l.name(), l.repeat(), tiles, compute, bytes / DRAM_BYTES_PER_CYCLE, wBytes, iBytes, oBytes, fW, fI, l);
    }

    static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
