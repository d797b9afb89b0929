package einsim.reports.roofline;

import einsim.arch.device.Device;
import einsim.arch.device.DeviceCatalog;
import einsim.workloads.llm.Fix;
import einsim.workloads.llm.LlmOp;
import einsim.workloads.llm.LlmOptions;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import einsim.workloads.llm.OpKind;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each correction of LLM-Viewer's method (llm-roofline brief §9), switched on alone over compatibility mode, changes
 * exactly the numbers the brief says, to the values it gives.
 */
class CorrectionsTest {
    static final ModelConfig L7 = ModelZoo.resolve("meta-llama/Llama-2-7b-hf");
    static final ModelConfig L70 = ModelZoo.resolve("meta-llama/Llama-2-70b-hf");
    static final Device A100 = DeviceCatalog.resolve("nvidia_A100_80G");
    static final Device H100 = DeviceCatalog.resolve("nvidia_H100");

    static LlmOptions with(long batch, boolean flash, Set<Fix> fixes) {
        return new LlmOptions(batch, 16, 16, 16, flash, true, 1, false, 16, 0, Double.NaN, false,
                fixes.isEmpty() ? EnumSet.noneOf(Fix.class) : EnumSet.copyOf(fixes));
    }

    static RooflineResult run(ModelConfig m, Device d, LlmOptions o, Stage s, long seqlen) {
        return RooflineAnalyzer.analyze(m, d, o, s, seqlen);
    }

    static OpResult op(RooflineResult r, String name) {
        return r.layers().stream().filter(x -> x.op().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void q1PrefillLoadsQueryWithAllHeads() {
        RooflineResult compat = run(L70, A100, with(1, false, Set.of()), Stage.PREFILL, 1024);
        RooflineResult fixed = run(L70, A100, with(1, false, Set.of(Fix.Q1_QUERY_HEADS)), Stage.PREFILL, 1024);
        assertThat(op(compat, "qk_matmul").op().loadActBytes()).isEqualTo(2_097_152.0);
        assertThat(op(fixed, "qk_matmul").op().loadActBytes()).isEqualTo(16_777_216.0);
        assertThat(compat.total().timeS()).isCloseTo(0.47879, within(5e-6));
        assertThat(fixed.total().timeS()).isCloseTo(0.47936, within(5e-6));
    }

    @Test
    void q2ActivationSizedByIntermediateWithSiluGateOps() {
        OpResult act = op(run(L7, A100, with(1, false, Set.of(Fix.Q2_ACT_SIZE)), Stage.DECODE, 1024), "mlp_act");
        long n = 11008;
        assertThat(act.op().ops()).isEqualTo(5 * n);
        assertThat(act.op().loadActBytes()).isEqualTo(2 * n * 2.0);
        assertThat(act.op().storeActBytes()).isEqualTo(n * 2.0);
    }

    @Test
    void q3q4LmHeadCountsMacsTwiceAndScalesWithBatch() {
        OpResult head = op(run(L7, A100, with(8, false, EnumSet.of(Fix.Q3_LM_HEAD_OPS, Fix.Q4_LM_HEAD_BATCH)),
                Stage.DECODE, 1024), "lm_head");
        assertThat(head.op().ops()).isEqualTo(2L * 8 * 4096 * 32000);
        assertThat(head.op().loadActBytes()).isEqualTo(8 * 4096 * 2.0);
        assertThat(head.op().storeActBytes()).isEqualTo(8 * 32000 * 2.0);
        // prefill: the last position's logits only (Q5 kept)
        OpResult pre = op(run(L7, A100, with(1, false, EnumSet.of(Fix.Q3_LM_HEAD_OPS, Fix.Q4_LM_HEAD_BATCH)),
                Stage.PREFILL, 1024), "lm_head");
        assertThat(pre.op().ops()).isEqualTo(2L * 4096 * 32000);
    }

    @Test
    void q6CausalMaskingCountsHalfTheScoresButKeepsScoreBytes() {
        long s = 1024;
        RooflineResult c = run(L7, A100, with(1, false, Set.of(Fix.Q6_CAUSAL)), Stage.PREFILL, s);
        RooflineResult u = run(L7, A100, with(1, false, Set.of()), Stage.PREFILL, s);
        assertThat(op(c, "qk_matmul").op().ops()).isEqualTo(s * (s + 1) / 2 * 128 * 32 * 2);
        assertThat(op(c, "softmax").op().ops()).isEqualTo(32 * s * (s + 1) / 2 * 5);
        assertThat(op(c, "qk_matmul").op().storeActBytes()).isEqualTo(op(u, "qk_matmul").op().storeActBytes());
        // FlashAttention reads K/V for row block j over min(S, (j+1)·Br) tokens: Br = 128, 8 blocks
        OpResult fa = op(run(L7, A100, with(1, true, Set.of(Fix.Q6_CAUSAL)), Stage.PREFILL, s), "fused_attention");
        long rows = 0;
        for (int j = 0; j < 8; j++) rows += (j + 1) * 128L;
        assertThat(fa.op().loadKvBytes()).isEqualTo(rows * 128 * 32 * 2.0 * 2);
        // --no-causal restores the square
        LlmOptions off = new LlmOptions(1, 16, 16, 16, false, false, 1, false, 16, 0, Double.NaN, false,
                EnumSet.of(Fix.Q6_CAUSAL));
        assertThat(op(run(L7, A100, off, Stage.PREFILL, s), "qk_matmul").op().ops()).isEqualTo(op(u, "qk_matmul").op().ops());
    }

    @Test
    void q7DecodeAttendsOverTheCacheAfterTheAppend() {
        OpResult qk = op(run(L7, A100, with(1, false, Set.of(Fix.Q7_DECODE_APPENDS)), Stage.DECODE, 1024), "qk_matmul");
        assertThat(qk.op().ops()).isEqualTo(1025L * 128 * 32 * 2);
        assertThat(qk.op().loadKvBytes()).isEqualTo(1025.0 * 128 * 32 * 2);
    }

    @Test
    void q8FusedAttentionStoresOutputOnce() {
        OpResult compat = op(run(L7, A100, with(1, true, Set.of()), Stage.DECODE, 1024), "fused_attention");
        OpResult fixed = op(run(L7, A100, with(1, true, Set.of(Fix.Q8_FA_STORE_ONCE)), Stage.DECODE, 1024), "fused_attention");
        assertThat(fixed.op().storeActBytes()).isEqualTo(compat.op().storeActBytes() / 2).isEqualTo(4096 * 2.0);
    }

    @Test
    void q9ResidualAddsLoadBothOperands() {
        OpResult add = op(run(L7, A100, with(1, false, Set.of(Fix.Q9_ADD_LOADS_BOTH)), Stage.DECODE, 1024), "attn_add");
        assertThat(add.op().loadActBytes()).isEqualTo(2 * 4096 * 2.0);
    }

    @Test
    void q10MemoryCountsHeadAndEmbeddingAndTheLivenessPeak() {
        RooflineResult compat = run(L7, A100, with(1, false, Set.of()), Stage.DECODE, 1024);
        RooflineResult fixed = run(L7, A100, with(1, false, EnumSet.of(Fix.Q10_MEMORY)), Stage.DECODE, 1024);
        // lm_head and embedding, 262,144,000 B each at 16 bits (Llama-2-7B does not tie them)
        assertThat(fixed.memory().weightBytes() - compat.memory().weightBytes()).isEqualTo(2 * 262_144_000.0);
        assertThat(fixed.memory().kvCacheBytes()).isEqualTo(compat.memory().kvCacheBytes());
        // decode outputs of one block: compat sums them (248,832 B); the peak is what is alive at once
        assertThat(compat.memory().tmpActBytes()).isEqualTo(248_832.0);
        assertThat(fixed.memory().tmpActBytes()).isLessThan(compat.memory().tmpActBytes()).isPositive();
        assertThat(fixed.memory().fitsInMemory()).isTrue();
        // a KV cache beyond the device's memory is computed and flagged, not refused
        RooflineResult huge = run(L70, A100, LlmOptions.corrected(64, 16, 16, 16, true, 1), Stage.DECODE, 32768);
        assertThat(huge.memory().fitsInMemory()).isFalse();
        assertThat(huge.warnings()).anyMatch(w -> w.contains("fits_in_memory: false"));
        assertThat(huge.warnings()).anyMatch(w -> w.contains("max_position_embeddings"));
        assertThat(huge.total().timeS()).isPositive();
    }

    @Test
    void q12TensorParallelShardsHeadsAndCostsAllReduces() {
        LlmOptions o = new LlmOptions(1, 16, 16, 16, false, true, 8, false, 16, 0, Double.NaN, false,
                EnumSet.of(Fix.Q12_TENSOR_PARALLEL));
        RooflineResult r = run(L70, H100, o, Stage.DECODE, 1024);
        RooflineResult one = run(L70, H100, with(1, false, Set.of()), Stage.DECODE, 1024);
        assertThat(op(r, "qk_matmul").op().ops()).isEqualTo(op(one, "qk_matmul").op().ops() / 8);
        assertThat(op(r, "k_proj").op().loadWeightBytes()).isEqualTo(8192.0 * 128 * 2); // one KV head per device
        OpResult ar = op(r, "attn_all_reduce");
        assertThat(ar.bound()).isEqualTo("communication");
        double bytes = 8192 * 2.0 * 2 * 7 / 8;
        assertThat(ar.memoryAccessBytes()).isEqualTo(bytes);
        assertThat(ar.timeS()).isEqualTo(bytes / 450e9);
        // LLM-Viewer (compat) shards the linears only and keeps every head on each device
        RooflineResult compatTp = run(L70, H100, LlmOptions.llmViewer(1, 16, 16, 16, false, 8), Stage.DECODE, 1024);
        assertThat(op(compatTp, "qk_matmul").op().ops()).isEqualTo(op(one, "qk_matmul").op().ops());
        assertThat(op(compatTp, "q_proj").op().ops()).isEqualTo(op(one, "q_proj").op().ops() / 8);
        assertThat(compatTp.layers()).noneMatch(x -> x.op().kind() == OpKind.ALL_REDUCE);
    }

    @Test
    void q13EachOpRunsAtItsOwnPrecision() {
        LlmOptions w8a8kv16 = new LlmOptions(1, 8, 8, 16, false, true, 1, false, 16, 0, Double.NaN, false,
                EnumSet.of(Fix.Q13_PRECISION_PEAKS));
        RooflineResult r = run(L7, A100, w8a8kv16, Stage.PREFILL, 1024);
        assertThat(op(r, "q_proj").peakOpsPerS()).isEqualTo(624e12);
        assertThat(op(r, "qk_matmul").peakOpsPerS()).isEqualTo(312e12);
        RooflineResult compat = run(L7, A100, LlmOptions.llmViewer(1, 8, 8, 16, false, 1), Stage.PREFILL, 1024);
        assertThat(op(compat, "q_proj").peakOpsPerS()).isEqualTo(312e12); // max(w, a, kv) = 16 for every op
    }

    @Test
    void q15AnOpThatMovesNoBytesIsComputeBound() {
        LlmOp op = new LlmOp("x", OpKind.ADD, 1, 1000, 0, 0, 0, 0, 0, 16, List.of(),
                new LlmOp.Shape(1, 1, 0, 1, 1, 0, 0, 0, 0));
        OpResult r = RooflineAnalyzer.evaluate(op, 1e12, A100, new java.util.ArrayList<>());
        assertThat(r.bound()).isEqualTo("compute");
        assertThat(r.timeS()).isEqualTo(1e-9);
    }

    @Test
    void architectureFollowsEachFamily() {
        ModelConfig opt = ModelZoo.resolve("facebook/opt-1.3b");
        RooflineResult compat = run(opt, A100, LlmOptions.llmViewer(1, 16, 16, 16, false, 1), Stage.DECODE, 512);
        RooflineResult fixed = run(opt, A100, LlmOptions.corrected(1, 16, 16, 16, false, 1), Stage.DECODE, 512);
        assertThat(compat.layers()).anyMatch(x -> x.op().name().equals("gate_proj")); // LLM-Viewer's +50 % FFN
        assertThat(fixed.layers()).noneMatch(x -> x.op().name().equals("gate_proj"));
        assertThat(op(fixed, "up_proj").op().ops()).isEqualTo(2048L * 8192 * 2 + 8192); // bias adds
        ModelConfig mix = ModelZoo.resolve("mistralai/Mixtral-8x7B-v0.1");
        RooflineResult moe = run(mix, H100, LlmOptions.corrected(1, 16, 16, 16, false, 1), Stage.DECODE, 1024);
        assertThat(op(moe, "up_proj").op().ops()).isEqualTo(2L * 4096 * 14336 * 2); // top-2 experts
        assertThat(op(moe, "up_proj").op().loadWeightBytes()).isEqualTo(2.0 * 4096 * 14336 * 2); // two experts touched
        assertThat(moe.memory().weightBytes()).isGreaterThan(8 * 3 * 4096.0 * 14336 * 2 * 32); // all experts resident
    }

    @Test
    void xquantRematerialisesKvAsTheBriefComputes() {
        LlmOptions x = new LlmOptions(1, 16, 16, 16, false, true, 1, true, 4, 0, Double.NaN, false, EnumSet.allOf(Fix.class));
        RooflineResult r = run(L7, A100, x, Stage.DECODE, 1024);
        OpResult remat = op(r, "kv_remat");
        // the cache holds S = 1024 tokens before this step's append (C = S + 1)
        assertThat(remat.op().ops()).isEqualTo(2L * (2 * 4096) * 4096 * 1024);
        assertThat(remat.op().ops() / 1e9).isCloseTo(68.7, Offset.offset(0.05));
        assertThat(remat.bound()).isEqualTo("compute");
        assertThat(remat.timeS() * 1e6).isCloseTo(220, Offset.offset(1.0));
        assertThat(remat.arithmeticIntensity()).isCloseTo(4 * 4096 / 0.5, Offset.offset(40.0)); // 4·kvd/xb = 32,768
        assertThat(op(r, "k_proj").op().storeKvBytes()).isZero();
        assertThat(op(r, "qk_matmul").op().loadKvBytes()).isZero();
        assertThat(op(r, "attn_norm").op().storeKvBytes()).isEqualTo(4096 * 0.5); // X of the new token, 4 bits
        assertThat(r.memory().kvCacheBytes()).isEqualTo(32.0 * 1025 * 4096 * 0.5); // L·C·B·h·xb
        RooflineResult b64 = run(L7, A100, new LlmOptions(64, 16, 16, 16, false, true, 1, true, 4, 0, Double.NaN, false,
                EnumSet.allOf(Fix.class)), Stage.DECODE, 1024);
        assertThat(op(b64, "kv_remat").op().ops() * 32 / 1e12).isCloseTo(141, Offset.offset(0.5));
    }

    @Test
    void compatModeRefusesFamiliesLlmViewerDoesNotHave() {
        ModelConfig qwen = ModelZoo.resolve("Qwen/Qwen2.5-7B");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(qwen, A100,
                LlmOptions.llmViewer(1, 16, 16, 16, false, 1), Stage.DECODE, 1024))
                .hasMessageContaining("no LLM-Viewer equivalent");
    }
}
