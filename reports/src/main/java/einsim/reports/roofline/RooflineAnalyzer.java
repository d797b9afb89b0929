package einsim.reports.roofline;

import einsim.arch.device.Device;
import einsim.workloads.llm.Fix;
import einsim.workloads.llm.LlmOp;
import einsim.workloads.llm.LlmOptions;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.OpKind;
import einsim.workloads.llm.TransformerOps;
import einsim.workloads.llm.WorkloadException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The roofline analyzer in the manner of LLM-Viewer (Yuan et al., arXiv:2402.16363; hahnyuan/LLM-Viewer@df2cba9
 * {@code roofline_model.py}, {@code model_analyzer.py}): each operator is memory- or compute-bound by its arithmetic
 * intensity against the device's ridge; the network time is the sum of operator times. With
 * {@link LlmOptions#isCompat()} every number equals LLM-Viewer's bit for bit (same float order); otherwise the
 * corrections of {@link Fix} apply.
 */
public final class RooflineAnalyzer {
    private RooflineAnalyzer() {}

    /** One prefill or decode step at {@code seqlen} (prompt length, or tokens already cached). */
    public static RooflineResult analyze(ModelConfig m, Device dev, LlmOptions o, Stage stage, long seqlen) {
        if (stage == Stage.GENERATE) throw new IllegalArgumentException("use generate()");
        checkCommon(m, o, seqlen, stage == Stage.DECODE);
        List<String> warnings = new ArrayList<>();
        Step r = step(m, dev, o, stage == Stage.PREFILL, seqlen, warnings);
        if (m.maxPositions() > 0 && r.step.contextTokens() > m.maxPositions()) {
            warnings.add("context of " + r.step.contextTokens() + " tokens exceeds " + m.id() + "'s max_position_embeddings "
                    + m.maxPositions() + ": computed anyway");
        }
        if (!r.memory.fitsInMemory()) warnings.add(fitWarning(r.memory, dev));
        return new RooflineResult(m, dev, stage, seqlen, 0, 0, o, r.layers, r.totals, r.memory, warnings);
    }

    /**
     * A prompt of {@code promptLen} tokens, then {@code genLen} generated ones (LLM-Viewer's analyze_generate_task):
     * prefill at the prompt length, then decode steps at seqlen = P … P+G−1, times accumulated in that order.
     */
    public static RooflineResult generate(ModelConfig m, Device dev, LlmOptions o, long promptLen, long genLen) {
        checkCommon(m, o, promptLen, true);
        if (genLen < 1) {
            throw new WorkloadException("--gen-len " + genLen + ": must be a positive whole number", "use --gen-len 128");
        }
        List<String> warnings = new ArrayList<>();
        Step pre = step(m, dev, o, true, promptLen, warnings);
        double prefill = pre.totals.timeS();
        double t = prefill;
        long ops = pre.totals.ops();
        double bytes = pre.totals.memoryAccessBytes();
        Step last = pre;
        List<String> ignored = new ArrayList<>();
        for (long i = promptLen; i < promptLen + genLen; i++) {
            last = step(m, dev, o, false, i, ignored);
            t += last.totals.timeS();
            ops = Math.addExact(ops, last.totals.ops());
            bytes += last.totals.memoryAccessBytes();
        }
        for (String w : ignored) if (!warnings.contains(w)) warnings.add(w);
        long end = last.step.contextTokens();
        if (m.maxPositions() > 0 && end > m.maxPositions()) {
            warnings.add("context of " + end + " tokens exceeds " + m.id() + "'s max_position_embeddings "
                    + m.maxPositions() + ": computed anyway");
        }
        if (!last.memory.fitsInMemory()) warnings.add(fitWarning(last.memory, dev));
        RooflineResult.Totals tot = new RooflineResult.Totals(ops, bytes, t, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, prefill);
        return new RooflineResult(m, dev, Stage.GENERATE, promptLen, promptLen, genLen, o, pre.layers, tot, last.memory,
                warnings);
    }

    private static String fitWarning(RooflineResult.Memory mem, Device dev) {
        return String.format("needs %.3g GB per device but %s has %.3g GB: computed anyway (fits_in_memory: false)",
                mem.totalBytes() / 1e9, dev.key(), mem.capacityBytes() / 1e9);
    }

    private static void checkCommon(ModelConfig m, LlmOptions o, long seqlen, boolean decodes) {
        if (seqlen < 1) {
            throw new WorkloadException("sequence length " + seqlen + ": must be a positive whole number", "use --seqlen 1024");
        }
        if (decodes && m.encoderOnly()) {
            throw new WorkloadException(m.id() + " is an encoder (" + m.family().modelType() + "): it has no decode stage",
                    "use --stage prefill");
        }
        TransformerOps.check(m, o);
    }

    /** One step's operators, totals and memory. */
    private record Step(TransformerOps.Step step, List<OpResult> layers, RooflineResult.Totals totals,
                        RooflineResult.Memory memory) {}

    private static Step step(ModelConfig m, Device dev, LlmOptions o, boolean prefill, long seqlen, List<String> warnings) {
        TransformerOps.Step s = TransformerOps.Step.of(prefill, seqlen, o);
        List<LlmOp> block = TransformerOps.block(m, o, s, dev.onchipBufferBytes());
        List<LlmOp> head = TransformerOps.head(m, o, s);
        List<LlmOp> all = new ArrayList<>(block.size() + head.size() + 1);
        if (o.has(Fix.ARCHITECTURE)) all.add(TransformerOps.embedding(m, o, s));
        all.addAll(block);
        all.addAll(head);
        double compatPeak = dev.peakLlmViewer(Math.max(Math.max(o.wBits(), o.aBits()), o.kvBits()));
        List<OpResult> results = new ArrayList<>(all.size());
        long ops = 0;
        double mem = 0, time = 0, lw = 0, la = 0, sa = 0, lkv = 0, skv = 0;
        double peakOpsTime = 0;
        double bytesTime = 0;
        for (LlmOp op : all) {
            double peak = o.has(Fix.Q13_PRECISION_PEAKS) ? dev.peakOpsPerS().get(dev.tierFor(op.computeBits())) : compatPeak;
            OpResult r = evaluate(op, peak, dev, warnings);
            results.add(r);
            long rep = op.repeat();
            // LLM-Viewer: acc += value * repeat, op by op, field by field
            ops += op.ops() * rep;
            mem += r.memoryAccessBytes() * rep;
            lw += op.loadWeightBytes() * rep;
            la += op.loadActBytes() * rep;
            sa += op.storeActBytes() * rep;
            lkv += op.loadKvBytes() * rep;
            skv += op.storeKvBytes() * rep;
            time += r.timeS() * rep;
            if (op.kind() == OpKind.ALL_REDUCE) {
                bytesTime += r.timeS() * rep;
            } else {
                peakOpsTime += op.ops() * rep / peak;
                bytesTime += r.memoryAccessBytes() * rep / dev.bandwidthBytesPerS();
            }
        }
        double overlap = o.isCompat() ? Double.NaN : Math.max(peakOpsTime, bytesTime);
        RooflineResult.Totals totals = new RooflineResult.Totals(ops, mem, time, lw, la, sa, lkv, skv, overlap, Double.NaN);
        RooflineResult.Memory memory = o.has(Fix.Q10_MEMORY) ? correctedMemory(m, o, s, block, head, dev)
                : llmViewerMemory(m, o, s, block, dev);
        return new Step(s, results, totals, memory);
    }

    /** roofline_model.py: intensity = OPs / bytes; memory-bound below the ridge P / bw (a tie is compute); time = OPs / perf. */
    static OpResult evaluate(LlmOp op, double peak, Device dev, List<String> warnings) {
        double mem = op.memoryAccessBytes();
        if (op.kind() == OpKind.ALL_REDUCE) {
            if (!dev.hasInterconnect()) {
                String w = dev.key() + " has no interconnect bandwidth: the all-reduces of tensor parallelism are not costed";
                if (!warnings.contains(w)) warnings.add(w);
                return new OpResult(op, mem, 0, 0, "communication", 0, peak);
            }
            return new OpResult(op, mem, 0, dev.interconnectBytesPerS(), "communication", mem / dev.interconnectBytesPerS(),
                    peak);
        }
        if (mem == 0) { // Q15: LLM-Viewer would divide by zero
            return new OpResult(op, 0, Double.POSITIVE_INFINITY, peak, "compute", op.ops() == 0 ? 0 : op.ops() / peak, peak);
        }
        double bw = dev.bandwidthBytesPerS();
        double turning = peak / bw;
        double intensity = op.ops() / mem;
        double perf;
        String bound;
        if (intensity < turning) {
            bound = "memory";
            perf = intensity * bw;
        } else {
            bound = "compute";
            perf = peak;
        }
        double time = perf == 0 ? (op.ops() == 0 ? mem / bw : 0) : op.ops() / perf; // a pure copy still moves its bytes
        return new OpResult(op, mem, intensity, perf, bound, time, peak);
    }

    /**
     * LLM-Viewer's memory: weights and KV cache from the prefill totals (linear weights only; the cache of S
     * tokens), plus the sum of the stage's block outputs.
     */
    private static RooflineResult.Memory llmViewerMemory(ModelConfig m, LlmOptions o, TransformerOps.Step s,
                                                         List<LlmOp> block, Device dev) {
        long layers = m.numLayers();
        double w = 0;
        for (LlmOp op : block) w += op.loadWeightBytes() * layers;
        // prefill store_kv_cache of k_proj and v_proj at T = S
        long kvd = m.hiddenSize() * m.numKvHeads() / m.numHeads() / o.tp();
        double kvOne = (kvd * o.batch() * s.seqlen()) * o.kvBytes();
        double kv = kvOne * layers + kvOne * layers;
        double tmp = 0;
        for (LlmOp op : block) tmp += op.storeActBytes();
        double total = tmp + (w + kv);
        return new RooflineResult.Memory(w, kv, tmp, total, dev.memoryCapacityBytes(),
                Double.isNaN(dev.memoryCapacityBytes()) || total <= dev.memoryCapacityBytes());
    }

    /**
     * einsim's memory (Q10): every weight (all experts, norms, lm_head, and the embedding unless tied), the KV cache
     * (or XQuant's X cache) of the tokens attended, and the activation liveness peak of one block and the logits.
     */
    private static RooflineResult.Memory correctedMemory(ModelConfig m, LlmOptions o, TransformerOps.Step s,
                                                         List<LlmOp> block, List<LlmOp> head, Device dev) {
        long layers = m.numLayers();
        double wb = o.weightBytes();
        double blockWeights = 0;
        for (LlmOp op : block) {
            if (op.kind() == OpKind.LINEAR && m.isMoe() && !op.name().equals("router")) {
                blockWeights += (m.numExperts() * op.shape().in() * op.shape().out()) * wb;
            } else {
                blockWeights += op.loadWeightBytes();
            }
        }
        double weights = blockWeights * layers;
        for (LlmOp op : head) weights += op.loadWeightBytes();
        if (!m.tiedEmbeddings()) weights += (m.vocabSize() * m.hiddenSize()) * wb; // embedding table
        long c = s.contextTokens();
        double cache;
        long tp = o.tp();
        long kvHeadsDev = o.has(Fix.Q12_TENSOR_PARALLEL) && tp > 1
                ? (m.numKvHeads() >= tp ? m.numKvHeads() / tp : 1) : m.numKvHeads();
        long kvd = o.has(Fix.Q12_TENSOR_PARALLEL) ? kvHeadsDev * m.headDim() : m.kvDim() / tp;
        if (o.xquant()) {
            cache = (double) layers * c * o.batch() * TransformerOps.xWidth(m, o, kvd) * (o.xBits() / 8.0);
        } else {
            cache = (double) layers * 2 * kvd * o.batch() * c * o.kvBytes();
        }
        double tmp = livenessPeak(block);
        for (LlmOp op : head) tmp = Math.max(tmp, op.storeActBytes() + op.loadActBytes());
        double total = weights + cache + tmp;
        return new RooflineResult.Memory(weights, cache, tmp, total, dev.memoryCapacityBytes(),
                Double.isNaN(dev.memoryCapacityBytes()) || total <= dev.memoryCapacityBytes());
    }

    /**
     * The largest sum of live activations while the block runs in order: an op's output lives from the op until its
     * last reader; the block input until its last reader. K and V go to the cache and are not counted here.
     */
    static double livenessPeak(List<LlmOp> block) {
        int n = block.size();
        Map<String, Integer> index = new HashMap<>(2 * n);
        for (int i = 0; i < n; i++) index.put(block.get(i).name(), i);
        int[] last = new int[n];
        int inputLast = -1;
        double input = 0;
        for (int i = 0; i < n; i++) {
            last[i] = i;
            LlmOp op = block.get(i);
            for (String in : op.inputs()) {
                if (in.equals("input")) {
                    inputLast = i;
                    input = Math.max(input, op.loadActBytes() / op.inputs().size());
                } else {
                    Integer j = index.get(in);
                    if (j != null && j < i) last[j] = i;
                }
            }
        }
        double peak = 0;
        for (int i = 0; i < n; i++) {
            double live = inputLast >= i ? input : 0;
            for (int j = 0; j <= i; j++) if (last[j] >= i) live += block.get(j).storeActBytes();
            peak = Math.max(peak, live);
        }
        return peak;
    }
}
