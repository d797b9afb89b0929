package einsim.mappers.lut;

import einsim.arch.lut.LutGemm.AType;
import einsim.arch.lut.LutGpu;
import einsim.arch.lut.LutGpuSpec;
import einsim.arch.sail.SailModel;
import einsim.arch.sail.SailSpec;
import einsim.mappers.lowbit.BitModSim;
import einsim.sim.Result;
import einsim.workloads.llm.ModelConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole LLM step (prefill of the prompt, or one decode step of the batch) on a LUT Tensor Core GPU, a MAC tensor-core
 * GPU, SAIL, the CPU alone or a GPU roofline: every linear layer (lm_head included) as a low-bit GEMM, and attention
 * against the FP16 KV cache. Element-wise operators, norms and the softmax are not charged (named in the report).
 */
public final class LutLlm {
    private LutLlm() {}

    /** BitNet b1.58 3B, the model of the LUT Tensor Core paper's Table 1 (its shape: see the resource's {@code _source}). */
    public static ModelConfig bitnet3b() {
        try (var in = LutLlm.class.getResourceAsStream("/einsim/lut/bitnet_b1_58-3B.json")) {
            if (in == null) throw new IllegalStateException("the BitNet b1.58 3B config is missing from the jar");
            return einsim.workloads.llm.ModelConfigReader.read("1bitLLM/bitnet_b1_58-3B", "1bitLLM/bitnet_b1_58-3B (einsim's copy of its shape)",
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One kind of layer: M tokens × N outputs × K inputs, {@code repeat} times in the step. */
    public record Layer(String name, long m, long n, long k, long repeat, double seconds, double energyPj) {}

    /**
     * @param seconds    the step's time
     * @param tokens     tokens produced (decode: the batch) or processed (prefill: prompt × batch) by the step
     * @param dollarsPerHour the system's price (NaN when the unit has none)
     */
    public record Report(String unit, String model, boolean prefill, long context, long batch, int weightBits, AType aType,
                         double seconds, long tokens, double energyPj, double dollarsPerHour, double patternSkip,
                         List<Layer> layers, Map<String, String> assumptions) {
        public double tokensPerS() { return tokens / seconds; }

        public double tokensPerDollar() { return Double.isNaN(dollarsPerHour) ? Double.NaN : tokensPerS() * 3600 / dollarsPerHour; }
    }

    /** The linear layers of one step, not yet costed (seconds and energy NaN). */
    static List<Layer> linears(ModelConfig m, long tokens) {
        List<Layer> out = new ArrayList<>();
        String[] names = BitModSim.layerNames(m);
        for (long[] l : BitModSim.linearShapes(m)) {
            out.add(new Layer(names[(int) l[2]], tokens, l[0], l[1], Math.multiplyExact(m.numLayers(), l[3]), Double.NaN, Double.NaN));
        }
        out.add(new Layer("lm_head", tokens, m.vocabSize(), m.hiddenSize(), 1, Double.NaN, Double.NaN));
        return out;
    }

    /** Seconds and energy (pJ; NaN where the unit has no energy model) of one M×N×K GEMM. */
    private interface GemmCost {
        double[] of(long m, long n, long k);
    }

    /** A step: every linear layer costed by {@code gemm}, then one layer's attention (seconds, pJ) as a layer of its own. */
    private record Step(List<Layer> layers, double seconds, double energyPj) {
        static Step of(ModelConfig m, long tokens, long context, GemmCost gemm, String attentionName, double attentionS, double attentionPj) {
            List<Layer> layers = new ArrayList<>();
            for (Layer l : linears(m, tokens)) {
                double[] c = gemm.of(l.m(), l.n(), l.k());
                layers.add(new Layer(l.name(), l.m(), l.n(), l.k(), l.repeat(), c[0], c[1]));
            }
            layers.add(new Layer(attentionName, tokens, m.numHeads(), context, m.numLayers(), attentionS, attentionPj));
            double seconds = 0;
            double energy = 0;
            for (Layer l : layers) {
                seconds += l.repeat() * l.seconds();
                energy += l.repeat() * l.energyPj();
            }
            return new Step(layers, seconds, energy);
        }
    }

    /** Attention of one layer: FLOPs (QKᵀ and PV, 2 per MAC) and bytes of the KV cache read (decode) or written. */
    static double[] attention(ModelConfig m, boolean prefill, long context, long batch) {
        double hd = m.headDim();
        double heads = m.numHeads();
        double q = prefill ? context : 1;
        double flops = 2 * 2 * batch * heads * q * context * hd;
        double kv = 2.0 * 2 * context * m.kvDim() * batch;   // K and V in FP16
        return new double[]{flops, kv};
    }

    static long tokens(boolean prefill, long context, long batch) {
        if (context < 1 || batch < 1) throw new IllegalArgumentException("context and batch must be >= 1");
        return prefill ? Math.multiplyExact(context, batch) : batch;
    }

    public static Report gpu(LutGpuSpec spec, ModelConfig m, boolean prefill, long context, long batch, int wBits, AType a) {
        LutGpu g = new LutGpu(spec);
        long t = tokens(prefill, context, batch);
        double[] at = attention(m, prefill, context, batch);
        double clock = spec.clockGhz() * 1e9;
        double flopRate = spec.kind() == LutGpuSpec.Kind.LUT
                ? 2 * spec.cudaOpsPerCyclePerSm() * spec.sms() * clock    // CUDA-core FMAs (no FP16xFP16 path in a LUT unit)
                : 2 * 256.0 * spec.arrayMultiple() * spec.units() * clock; // the FP16 tensor cores
        double s = Math.max(at[0] / (flopRate * spec.efficiency()), at[1] / spec.dramBytesPerS());
        Step step = Step.of(m, t, context, (mm, n, k) -> {
            Result r = g.analytic(mm, n, k, wBits, a);
            return new double[]{r.seconds(), r.energyPj()};
        }, "attention", s, at[1] * 8 * spec.dramPjPerBit());
        Map<String, String> as = new LinkedHashMap<>(spec.assumptions());
        as.put("not_charged", "norms, activations, softmax, rotary embedding and the KV-cache append [assumption: small beside the GEMMs]");
        return new Report(spec.name(), m.id(), prefill, context, batch, wBits, a, step.seconds(), t, step.energyPj(), Double.NaN, Double.NaN,
                step.layers(), as);
    }

    /** The skip fraction SAIL uses for a batch: the spec's, or measured on seeded synthetic activations. */
    public static double measuredSkip(SailSpec spec, long batch, long k, long seed) {
        int b = (int) Math.min(batch, 64);
        int kk = (int) Math.min(k, 4096);
        return SailModel.measureSkip(SailModel.syntheticActivations(b, kk, seed), (int) spec.get("activation_bits"), (int) spec.get("group"));
    }

    public static Report sail(SailSpec spec, ModelConfig m, boolean prefill, long context, long batch, int wBits, long seed) {
        SailModel s = new SailModel(spec);
        long t = tokens(prefill, context, batch);
        double skip = s.skip(measuredSkip(spec, t, m.hiddenSize(), seed));
        double[] at = attention(m, prefill, context, batch);
        Step step = Step.of(m, t, context, (mm, n, k) -> {
            Result r = s.analytic(mm, n, k, wBits, skip, true);   // FP16 activations, converted in memory
            return new double[]{r.seconds(), r.energyPj()};
        }, "attention (CPU)", s.cpuFp16Seconds(at[0], at[1]), at[1] * 8 * spec.get("dram_pj_per_bit"));
        Map<String, String> as = new LinkedHashMap<>(spec.assumptions());
        as.put("pattern_skip_used", String.format(java.util.Locale.ROOT, "%.4f", skip)
                + (Double.isNaN(spec.get("pattern_skip")) ? " (measured on seeded synthetic Laplace activations, seed " + seed + ")" : " (given)"));
        as.put("attention", "on the CPU's vector units in FP16 (roofline of its FLOPs and the KV cache's bytes) [assumption]");
        as.put("not_charged", "norms, activations, softmax and the partial-sum reduction across slices [assumption]");
        double price = spec.get("cpu_dollars_per_hour") * (1 + spec.get("hw_overhead"));
        return new Report("sail", m.id(), prefill, context, batch, wBits, AType.INT8, step.seconds(), t, step.energyPj(), price, skip,
                step.layers(), as);
    }

    /** The Neoverse-N1-class CPU alone (SAIL's baseline). */
    public static Report cpu(SailSpec spec, ModelConfig m, boolean prefill, long context, long batch, int wBits) {
        SailModel s = new SailModel(spec);
        long t = tokens(prefill, context, batch);
        double[] at = attention(m, prefill, context, batch);
        Step step = Step.of(m, t, context, (mm, n, k) -> new double[]{s.cpuSeconds(mm, n, k, wBits), Double.NaN}, "attention",
                s.cpuFp16Seconds(at[0], at[1]), Double.NaN);
        return new Report("cpu (Neoverse-N1)", m.id(), prefill, context, batch, wBits, AType.INT8, step.seconds(), t, Double.NaN,
                spec.get("cpu_dollars_per_hour"), 0, step.layers(), spec.assumptions());
    }

    /** The GPU of the cost comparison (V100 roofline, weights at {@code gpu_weight_bits}). */
    public static Report v100(SailSpec spec, ModelConfig m, boolean prefill, long context, long batch) {
        SailModel s = new SailModel(spec);
        long t = tokens(prefill, context, batch);
        int wb = (int) spec.get("gpu_weight_bits");
        double[] at = attention(m, prefill, context, batch);
        Step step = Step.of(m, t, context, (mm, n, k) -> new double[]{s.gpuSeconds(2.0 * mm * n * k, n * (double) k * wb / 8 + 2.0 * mm * (n + k)),
                Double.NaN}, "attention", s.gpuSeconds(at[0], at[1]), Double.NaN);
        return new Report("v100", m.id(), prefill, context, batch, wb, AType.FP16, step.seconds(), t, Double.NaN,
                spec.get("gpu_dollars_per_hour"), 0, step.layers(), spec.assumptions());
    }
}
