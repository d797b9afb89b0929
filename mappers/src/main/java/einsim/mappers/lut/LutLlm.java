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

    /** The linear layers of one step: [name, M, N, K, repeat]. */
    static List<Object[]> linears(ModelConfig m, long tokens) {
        List<Object[]> out = new ArrayList<>();
        String[] names = BitModSim.layerNames(m);
        for (long[] l : BitModSim.linearShapes(m)) {
            out.add(new Object[]{names[(int) l[2]], tokens, l[0], l[1], Math.multiplyExact(m.numLayers(), l[3])});
        }
        out.add(new Object[]{"lm_head", tokens, m.vocabSize(), m.hiddenSize(), 1L});
        return out;
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
        List<Layer> layers = new ArrayList<>();
        double seconds = 0;
        double energy = 0;
        for (Object[] l : linears(m, t)) {
            Result r = g.analytic((long) l[1], (long) l[2], (long) l[3], wBits, a);
            long rep = (long) l[4];
            layers.add(new Layer((String) l[0], (long) l[1], (long) l[2], (long) l[3], rep, r.seconds(), r.energyPj()));
            seconds += rep * r.seconds();
            energy += rep * r.energyPj();
        }
        double[] at = attention(m, prefill, context, batch);
        double clock = spec.clockGhz() * 1e9;
        double flopRate = spec.kind() == LutGpuSpec.Kind.LUT
                ? 2 * spec.cudaOpsPerCyclePerSm() * spec.sms() * clock    // CUDA-core FMAs (no FP16xFP16 path in a LUT unit)
                : 2 * 256.0 * spec.arrayMultiple() * spec.units() * clock; // the FP16 tensor cores
        double s = Math.max(at[0] / (flopRate * spec.efficiency()), at[1] / spec.dramBytesPerS());
        double e = at[1] * 8 * spec.dramPjPerBit();
        layers.add(new Layer("attention", t, m.numHeads(), context, m.numLayers(), s, e));
        seconds += m.numLayers() * s;
        energy += m.numLayers() * e;
        Map<String, String> as = new LinkedHashMap<>(spec.assumptions());
        as.put("not_charged", "norms, activations, softmax, rotary embedding and the KV-cache append [assumption: small beside the GEMMs]");
        return new Report(spec.name(), m.id(), prefill, context, batch, wBits, a, seconds, t, energy, Double.NaN, Double.NaN, layers, as);
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
        List<Layer> layers = new ArrayList<>();
        double seconds = 0;
        double energy = 0;
        for (Object[] l : linears(m, t)) {
            Result r = s.analytic((long) l[1], (long) l[2], (long) l[3], wBits, skip, true);   // FP16 activations, converted in memory
            long rep = (long) l[4];
            layers.add(new Layer((String) l[0], (long) l[1], (long) l[2], (long) l[3], rep, r.seconds(), r.energyPj()));
            seconds += rep * r.seconds();
            energy += rep * r.energyPj();
        }
        double[] at = attention(m, prefill, context, batch);
        double a = s.cpuFp16Seconds(at[0], at[1]);
        double ae = at[1] * 8 * spec.get("dram_pj_per_bit");
        layers.add(new Layer("attention (CPU)", t, m.numHeads(), context, m.numLayers(), a, ae));
        seconds += m.numLayers() * a;
        energy += m.numLayers() * ae;
        Map<String, String> as = new LinkedHashMap<>(spec.assumptions());
        as.put("pattern_skip_used", String.format(java.util.Locale.ROOT, "%.4f", skip)
                + (Double.isNaN(spec.get("pattern_skip")) ? " (measured on seeded synthetic Laplace activations, seed " + seed + ")" : " (given)"));
        as.put("attention", "on the CPU's vector units in FP16 (roofline of its FLOPs and the KV cache's bytes) [assumption]");
        as.put("not_charged", "norms, activations, softmax and the partial-sum reduction across slices [assumption]");
        double price = spec.get("cpu_dollars_per_hour") * (1 + spec.get("hw_overhead"));
        return new Report("sail", m.id(), prefill, context, batch, wBits, AType.INT8, seconds, t, energy, price, skip, layers, as);
    }

    /** The Neoverse-N1-class CPU alone (SAIL's baseline). */
    public static Report cpu(SailSpec spec, ModelConfig m, boolean prefill, long context, long batch, int wBits) {
        SailModel s = new SailModel(spec);
        long t = tokens(prefill, context, batch);
        List<Layer> layers = new ArrayList<>();
        double seconds = 0;
        for (Object[] l : linears(m, t)) {
            double sec = s.cpuSeconds((long) l[1], (long) l[2], (long) l[3], wBits);
            long rep = (long) l[4];
            layers.add(new Layer((String) l[0], (long) l[1], (long) l[2], (long) l[3], rep, sec, Double.NaN));
            seconds += rep * sec;
        }
        double[] at = attention(m, prefill, context, batch);
        double a = s.cpuFp16Seconds(at[0], at[1]);
        layers.add(new Layer("attention", t, m.numHeads(), context, m.numLayers(), a, Double.NaN));
        seconds += m.numLayers() * a;
        return new Report("cpu (Neoverse-N1)", m.id(), prefill, context, batch, wBits, AType.INT8, seconds, t, Double.NaN,
                spec.get("cpu_dollars_per_hour"), 0, layers, spec.assumptions());
    }

    /** The GPU of the cost comparison (V100 roofline, weights at {@code gpu_weight_bits}). */
    public static Report v100(SailSpec spec, ModelConfig m, boolean prefill, long context, long batch) {
        SailModel s = new SailModel(spec);
        long t = tokens(prefill, context, batch);
        int wb = (int) spec.get("gpu_weight_bits");
        List<Layer> layers = new ArrayList<>();
        double seconds = 0;
        for (Object[] l : linears(m, t)) {
            long mm = (long) l[1];
            long n = (long) l[2];
            long k = (long) l[3];
            double sec = s.gpuSeconds(2.0 * mm * n * k, n * (double) k * wb / 8 + 2.0 * mm * (n + k));
            long rep = (long) l[4];
            layers.add(new Layer((String) l[0], mm, n, k, rep, sec, Double.NaN));
            seconds += rep * sec;
        }
        double[] at = attention(m, prefill, context, batch);
        double a = s.gpuSeconds(at[0], at[1]);
        layers.add(new Layer("attention", t, m.numHeads(), context, m.numLayers(), a, Double.NaN));
        seconds += m.numLayers() * a;
        return new Report("v100", m.id(), prefill, context, batch, wb, AType.FP16, seconds, t, Double.NaN,
                spec.get("gpu_dollars_per_hour"), 0, layers, spec.assumptions());
    }
}
