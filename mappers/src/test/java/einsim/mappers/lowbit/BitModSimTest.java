package einsim.mappers.lowbit;

import einsim.arch.lowbit.LowBitAccelerator;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Golden numbers of BitMoD's simulator: every row of validation/bitmod/totals.csv (version A), the per-layer vectors
 * and the version-B totals of the lowbit brief (§4.8, §4.7), compute and DRAM energy (§4.6), and the headline (§5).
 */
class BitModSimTest {
    static final ModelConfig L2 = ModelZoo.resolve("meta-llama/Llama-2-7b-hf");
    static final ModelConfig OPT = ModelZoo.resolve("facebook/opt-1.3b");

    static Path validation() { return einsim.mappers.TestFiles.validation(); }

    static BitModSim.Report run(String acc, ModelConfig m, boolean prefill, BitModSim.Mode mode) {
        return BitModSim.run(LowBitAccelerator.of(acc), m, prefill, 256, 1, null, mode);
    }

    @Test
    void everyTotalOfTheAuthorsSimulator() throws IOException {
        List<String> lines = Files.readAllLines(validation().resolve("bitmod/totals.csv"));
        assertThat(lines.get(0)).isEqualTo("model,accelerator,stage,total_cycles");
        assertThat(lines).hasSize(21);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            BitModSim.Report r = run(c[1], ModelZoo.resolve(c[0]), c[2].equals("prefill"), BitModSim.Mode.BITMOD_SIM);
            assertThat(r.totalCycles()).as(line).isEqualTo(Long.parseLong(c[3]));
        }
    }

    static void layer(BitModSim.Report r, String name, long compute, long dram, long fW, long fI) {
        BitModSim.LayerCost c = r.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
        assertThat(c.computeCycles()).as(name + " compute").isEqualTo(compute);
        assertThat(c.dramCycles()).as(name + " DRAM").isEqualTo(dram);
        assertThat(new long[]{c.fW(), c.fI()}).as(name + " refetch").containsExactly(fW, fI);
    }

    @Test
    void perLayerVectorsOfLlama2() {
        BitModSim.Mode a = BitModSim.Mode.BITMOD_SIM;
        BitModSim.Report fpDec = run("fp16", L2, false, a);
        layer(fpDec, "q_proj", 262144, 1049088, 1, 1);
        layer(fpDec, "gate_proj", 704512, 2818992, 1, 1);
        layer(fpDec, "down_proj", 704512, 2818992, 1, 1);
        layer(fpDec, "lm_head", 2048000, 8194256, 1, 1);
        layer(fpDec, "attn_qk", 12288, 8450, 1, 1);
        layer(fpDec, "attn_v", 256, 770, 1, 1);
        BitModSim.Report fpPre = run("fp16", L2, true, a);
        layer(fpPre, "q_proj", 5767168, 4325376, 4, 1);
        layer(fpPre, "gate_proj", 15499264, 11513856, 4, 1);
        layer(fpPre, "down_proj", 15499264, 31240192, 11, 1);
        layer(fpPre, "lm_head", 45056000, 33345536, 4, 1);
        layer(fpPre, "attn_qk", 11206656, 8585216, 1, 4);
        layer(fpPre, "attn_v", 720896, 720896, 4, 1);
        BitModSim.Report antPre = run("ant", L2, true, a);
        layer(antPre, "q_proj", 4194304, 1572864, 4, 1);
        layer(antPre, "down_proj", 11272192, 10897408, 11, 1);
        layer(antPre, "lm_head", 32768000, 11841536, 4, 1);
        BitModSim.Report oliveDec = run("olive", L2, false, a);
        layer(oliveDec, "q_proj", 233472, 246272, 1, 1);
        layer(oliveDec, "gate_proj", 626688, 661424, 1, 1);
        layer(oliveDec, "down_proj", 627456, 661424, 1, 1);
        layer(oliveDec, "lm_head", 1822720, 1922256, 1, 1);
        BitModSim.Report bmDec = run("bitmod-lossy", L2, false, a);
        layer(bmDec, "q_proj", 131072, 201216, 1, 1);
        layer(bmDec, "gate_proj", 352256, 540336, 1, 1);
        layer(bmDec, "lm_head", 1024000, 1570256, 1, 1);
        layer(bmDec, "attn_qk", 4096, 8450, 1, 1);
        layer(bmDec, "attn_v", 128, 770, 1, 1);
        BitModSim.Report bmPre = run("bitmod-lossy", L2, true, a);
        layer(bmPre, "q_proj", 2097152, 1196032, 4, 1);
        layer(bmPre, "down_proj", 5636096, 8112384, 11, 1);
        layer(bmPre, "attn_qk", 4194304, 8585216, 1, 4);
        layer(bmPre, "attn_v", 262144, 720896, 4, 1);
        BitModSim.Report optDec = run("bitmod-lossy", OPT, false, a);
        layer(optDec, "q_proj", 32768, 50432, 1, 1);
        layer(optDec, "fc1", 131072, 201344, 1, 1);
        layer(optDec, "lm_head", 804864, 1234934, 1, 1);
        layer(optDec, "attn_qk", 2048, 4226, 1, 1);
        layer(optDec, "attn_v", 128, 642, 1, 1);
    }

    @Test
    void versionBTotals() {
        Map<String, long[]> want = Map.of(
                "fp16", new long[]{530843648L, 83594438L, 2810544128L, 417344208L},
                "ant", new long[]{341098496L, 27265990L, 1687420928L, 133446352L},
                "olive", new long[]{305217536L, 22145222L, 1505918976L, 107637456L},
                "bitmod-lossless", new long[]{259166208L, 31920374L, 1372856320L, 158771152L},
                "bitmod-lossy", new long[]{177233920L, 16558070L, 926097408L, 81344464L});
        BitModSim.Mode b = BitModSim.Mode.BITMOD_SIM_UPSTREAM;
        want.forEach((acc, w) -> {
            assertThat(run(acc, OPT, true, b).totalCycles()).as(acc).isEqualTo(w[0]);
            assertThat(run(acc, OPT, false, b).totalCycles()).as(acc).isEqualTo(w[1]);
            assertThat(run(acc, L2, true, b).totalCycles()).as(acc).isEqualTo(w[2]);
            assertThat(run(acc, L2, false, b).totalCycles()).as(acc).isEqualTo(w[3]);
        });
    }

    @Test
    void computeAndDramEnergyAsTheBriefAndSramWithinItsCalibrationBand() {
        // model, accelerator, prefill, E_compute µJ, E_dram µJ, notebook on-chip µJ (brief §4.6)
        Object[][] cases = {
                {OPT, "fp16", true, 534360.8, 1892831.2, 656667.0}, {OPT, "fp16", false, 18306.5, 394116.9, 25745.0},
                {OPT, "ant", true, 415208.3, 901023.7, 459880.0}, {OPT, "ant", false, 19385.5, 123740.3, 22139.0},
                {OPT, "bitmod-lossy", true, 189654.7, 765240.6, 221382.0}, {OPT, "bitmod-lossy", false, 8854.7, 76117.2, 10470.0},
                {L2, "fp16", true, 2353196.9, 12582538.4, 2928682.0}, {L2, "fp16", false, 91930.2, 1984299.8, 129318.0},
                {L2, "bitmod-lossy", true, 833057.2, 4406501.4, 981870.0}, {L2, "bitmod-lossy", false, 44515.8, 381567.4, 52631.0}};
        for (Object[] c : cases) {
            LowBitAccelerator a = LowBitAccelerator.of((String) c[1]);
            BitModEnergy.Breakdown e = BitModEnergy.of(run((String) c[1], (ModelConfig) c[0], (Boolean) c[2], BitModSim.Mode.BITMOD_SIM), a);
            String what = ((ModelConfig) c[0]).id() + " " + c[1] + " " + c[2];
            assertThat(e.computePj() / 1e6).as(what + " compute").isCloseTo((Double) c[3], within(0.1));
            assertThat(e.dramPj() / 1e6).as(what + " DRAM").isCloseTo((Double) c[4], within(0.1));
            double sram = (Double) c[5] - (Double) c[3];
            // two per-bit energies fitted to these ten cases: each within 0.70–1.30 of the implied SRAM energy,
            // so the on-chip total within 0.95–1.05
            assertThat(e.sramPj() / 1e6 / sram).as(what + " SRAM").isBetween(0.70, 1.30);
            assertThat(e.onChipPj() / 1e6 / (Double) c[5]).as(what + " on-chip").isBetween(0.95, 1.05);
        }
    }

    @Test
    void theHeadlineAndTheFiguresMeans() {
        LowBitCompare.Table t = LowBitCompare.run(LowBitAccelerator.STUDY_MODELS, BitModSim.Mode.BITMOD_SIM);
        assertThat(t.meanSpeedup().get("bitmod-lossy")).containsEntry("discriminative", 2.82).containsEntry("generative", 4.18);
        assertThat(t.meanSpeedup().get("ant")).containsEntry("discriminative", 1.64).containsEntry("generative", 2.52);
        assertThat(t.meanSpeedup().get("olive")).containsEntry("discriminative", 1.81).containsEntry("generative", 3.01);
        assertThat(t.headline()).containsEntry("bitmod-lossy vs ant", 1.69).containsEntry("bitmod-lossy vs olive", 1.48);
        // energy means the brief recomputed from the notebook arrays: lossy 0.34/0.24, lossless 0.46/0.41, OliVe 0.44/0.32
        assertThat(t.meanEnergy().get("bitmod-lossy")).containsEntry("discriminative", 0.34).containsEntry("generative", 0.24);
        assertThat(t.meanEnergy().get("bitmod-lossless")).containsEntry("discriminative", 0.46).containsEntry("generative", 0.41);
        assertThat(t.meanEnergy().get("olive")).containsEntry("discriminative", 0.44).containsEntry("generative", 0.32);
        assertThat(t.meanEnergy().get("ant").get("discriminative")).isCloseTo(0.47, within(0.011));
    }

    @Test
    void theCorrectedModelFixesTheQuirks() {
        // Q1: 5-bit weights take ceil(5/2) = 3 cycles per term pair, not Python's round(2.5) = 2
        LowBitAccelerator bm = LowBitAccelerator.of("bitmod-lossy");
        assertThat(BitModSim.run(bm, L2, false, 256, 1, 5.0, BitModSim.Mode.CORRECTED).layers().get(0).computeCycles())
                .isEqualTo(3 * BitModSim.run(bm, L2, false, 256, 1, 5.0, BitModSim.Mode.CORRECTED).layers().get(0).tiles());
        assertThat(BitModSim.run(bm, L2, false, 256, 1, 5.0, BitModSim.Mode.BITMOD_SIM).layers().get(0).computeCycles())
                .isEqualTo(2 * BitModSim.run(bm, L2, false, 256, 1, 5.0, BitModSim.Mode.BITMOD_SIM).layers().get(0).tiles());
        // Q3/Q6: decode attention reads the whole KV cache, which grows with the context
        long at256 = attentionDram(BitModSim.run(bm, L2, false, 256, 1, null, BitModSim.Mode.CORRECTED));
        long at4k = attentionDram(BitModSim.run(bm, L2, false, 4096, 1, null, BitModSim.Mode.CORRECTED));
        assertThat(at4k).isGreaterThan(15 * at256);
        long kvBytes = 2L * 256 * 4096 * 2; // K and V, 256 tokens, 4096 values, 2 B
        assertThat(attentionBytes(BitModSim.run(bm, L2, false, 256, 1, null, BitModSim.Mode.CORRECTED))).isEqualTo(kvBytes);
    }

    private static long attentionDram(BitModSim.Report r) {
        return r.layers().stream().filter(l -> l.name().startsWith("attn")).mapToLong(l -> l.dramCycles() * l.repeat()).sum();
    }

    private static long attentionBytes(BitModSim.Report r) {
        // per block: the K cache (attn_qk's weight) and the V cache (attn_v's), all KV heads
        return r.layers().stream().filter(l -> l.name().startsWith("attn")).mapToLong(BitModSim.LayerCost::weightBytes).sum();
    }

    @Test
    void badInputIsOneSentence() {
        assertThatThrownBy(() -> LowBitAccelerator.of("bitmd")).hasMessageContaining("known: fp16, ant, olive");
        assertThatThrownBy(() -> BitModSim.run(LowBitAccelerator.of("ant"), ModelZoo.resolve("gpt2"), false, 256, 1, null, BitModSim.Mode.CORRECTED))
                .hasMessageContaining("--w-bit");
        assertThatThrownBy(() -> BitModSim.run(LowBitAccelerator.of("fp16"), L2, false, 256, 1, 3.3, BitModSim.Mode.CORRECTED))
                .hasMessageContaining("multiple of 1/16");
        assertThatThrownBy(() -> BitModSim.run(LowBitAccelerator.of("fp16"), L2, false, 0, 1, null, BitModSim.Mode.CORRECTED))
                .hasMessageContaining("context");
    }
}
