package einsim.mappers.lut;

import einsim.arch.lut.LutGemm.AType;
import einsim.arch.lut.LutGpuSpec;
import einsim.arch.sail.SailSpec;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole LLM steps on the LUT units; SAIL's report-only sanity bounds (lut-pim brief §6.2) with the default assumptions. */
class LutLlmTest {
    @Test
    void sailStaysInsideThePapersMaximaWithTheDefaults() {
        SailSpec s = SailSpec.preset();
        double best = 0;
        for (String id : new String[]{"meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-13b-hf"}) {
            ModelConfig m = ModelZoo.resolve(id);
            for (int w : new int[]{2, 3, 4, 8}) {
                for (long b : new long[]{1, 4, 16, 64}) {
                    LutLlm.Report r = LutLlm.sail(s, m, false, 256, b, w, 1);
                    LutLlm.Report cpu = LutLlm.cpu(s, m, false, 256, b, w);
                    LutLlm.Report gpu = LutLlm.v100(s, m, false, 256, b);
                    double speedup = r.tokensPerS() / cpu.tokensPerS();
                    assertThat(speedup).as(id + " W" + w + " b" + b).isBetween(0.9, 10.7);
                    assertThat(r.tokensPerDollar() / cpu.tokensPerDollar()).isLessThanOrEqualTo(19.9);
                    assertThat(r.tokensPerDollar() / gpu.tokensPerDollar()).isLessThanOrEqualTo(7.04);
                    best = Math.max(best, speedup);
                }
            }
        }
        // batching amortizes the tables and moves the CPU from memory- to compute-bound: SAIL's gain grows with the batch
        assertThat(best).isGreaterThan(2);
        assertThat(s.get("hw_overhead")).isEqualTo(0.02);
    }

    @Test
    void decodeOnTheLutGpuIsBoundByTheWeightStream() {
        ModelConfig m = ModelZoo.resolve("meta-llama/Llama-2-7b-hf");
        LutLlm.Report r2 = LutLlm.gpu(LutGpuSpec.preset("lut-tensor-core"), m, false, 256, 1, 2, AType.FP16);
        LutLlm.Report r4 = LutLlm.gpu(LutGpuSpec.preset("lut-tensor-core"), m, false, 256, 1, 4, AType.FP16);
        // half the weight bits, about half the step (attention and the scales do not shrink)
        assertThat(r4.seconds() / r2.seconds()).isBetween(1.7, 2.0);
        LutLlm.Report mac = LutLlm.gpu(LutGpuSpec.preset("mac-tensor-core"), m, false, 256, 1, 2, AType.FP16);
        assertThat(mac.seconds() / r2.seconds()).isBetween(0.9, 1.1);
        // prefill is compute-bound: the bit-serial LUT array at 4 bits takes about twice its 2-bit time
        LutLlm.Report p2 = LutLlm.gpu(LutGpuSpec.preset("lut-tensor-core"), m, true, 2048, 1, 2, AType.FP16);
        LutLlm.Report p4 = LutLlm.gpu(LutGpuSpec.preset("lut-tensor-core"), m, true, 2048, 1, 4, AType.FP16);
        assertThat(p4.seconds() / p2.seconds()).isBetween(1.6, 2.0);
        assertThat(r2.tokens()).isEqualTo(1);
        assertThat(p2.tokens()).isEqualTo(2048);
        assertThat(r2.assumptions()).containsKeys("attention", "not_charged", "dram_bytes_per_s");
    }

    @Test
    void table1DecodeLatenciesLandInTheBriefsBands() {
        // brief §6.1 row 12: BitNet b1.58 3B, BS1024 SEQ1 on A100 FP16, A100 INT8 and A100-LUT-4X/8X: ±25 % absolute,
        // speedups ±20 % (no parameter fitted; the prefill column is outside the absolute band, docs/lut.md)
        ModelConfig m = LutLlm.bitnet3b();
        assertThat(m.hiddenSize()).isEqualTo(3200);
        double[] paper = {41.15, 21.70, 11.41, 7.47};
        double[] ms = new double[4];
        Object[][] cfg = {{"mac-tensor-core", 1, 16, AType.FP16}, {"mac-tensor-core", 1, 2, AType.INT8},
                {"lut-tensor-core", 4, 2, AType.INT8}, {"lut-tensor-core", 8, 2, AType.INT8}};
        for (int i = 0; i < 4; i++) {
            LutGpuSpec g = LutGpuSpec.preset((String) cfg[i][0]);
            g = g.with((int) cfg[i][1], g.precompute(), false, 1.0);
            ms[i] = LutLlm.gpu(g, m, false, 1, 1024, (int) cfg[i][2], (AType) cfg[i][3]).seconds() * 1e3;
            assertThat(ms[i] / paper[i]).as("row %d", i).isBetween(0.75, 1.25);
            assertThat((ms[0] / ms[i]) / (paper[0] / paper[i])).as("speedup of row %d", i).isBetween(0.8, 1.2);
        }
    }
}
