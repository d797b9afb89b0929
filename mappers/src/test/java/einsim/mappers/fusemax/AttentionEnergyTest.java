package einsim.mappers.fusemax;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * einsim's attention and linear-layer energy beside the artifact's (validation/fusemax/bert_points.csv), within the
 * bands docs/attention.md derives: the artifact's compute is exact in einsim's counts; FuseMax's remaining 3–4 % is
 * register-file traffic that einsim's one-read-per-operation model reproduces to within it; FLAT's, Unfused's and
 * +Cascade's totals hold on-chip energy the stored tables cannot explain (brief §14), so einsim's total lies between
 * their compute share (≥ 0.70 of the total) and the total.
 */
class AttentionEnergyTest {
    static final AttentionShape BERT = AttentionShape.preset("bert");

    static List<Map<String, String>> rows() throws IOException {
        List<String> lines = Files.readAllLines(AttentionClosedFormTest.validation().resolve("fusemax/bert_points.csv"));
        List<String> head = Arrays.asList(lines.get(0).split(",", -1));
        return lines.subList(1, lines.size()).stream().map(l -> {
            String[] c = l.split(",", -1);
            Map<String, String> r = new HashMap<>();
            for (int i = 0; i < head.size(); i++) r.put(head.get(i), c[i]);
            return r;
        }).toList();
    }

    @Test
    void everyBertPointWithinItsBand() throws IOException {
        for (Map<String, String> r : rows()) {
            AttentionDesign d = AttentionDesign.parse(r.get("design"));
            long l = Long.parseLong(r.get("seq_len_tokens"));
            AttentionModel.Report rep = AttentionModel.evaluate(d, BERT, l, 64, AttentionClosedFormTest.ARCH, true);
            double art = Double.parseDouble(r.get("attn_energy_pJ"));
            double q = rep.energy().totalPj() / art;
            String what = d + " " + r.get("seq_len_label");
            if (d == AttentionDesign.FUSEMAX || d == AttentionDesign.PLUS_ARCHITECTURE) {
                assertThat(q).as(what).isBetween(0.96, 1.04);
                // the brief: FuseMax's compute is 96–97 % of the artifact's totals
                assertThat(rep.energy().computePj() / art).as(what + " compute share").isBetween(0.955, 0.975);
            } else {
                assertThat(q).as(what).isBetween(0.70, 1.04);
                assertThat(rep.energy().computePj() / art).as(what + " compute share").isBetween(0.70, 0.85);
            }
        }
    }

    @Test
    void linearLayersMappedByEinsimMatchTheArtifactsBertRows() throws IOException {
        for (Map<String, String> r : rows()) {
            long l = Long.parseLong(r.get("seq_len_tokens"));
            if (l > 4096) continue; // the longer rows take seconds of mapping each; the same code path
            AttentionDesign d = AttentionDesign.parse(r.get("design"));
            boolean flatChip = d != AttentionDesign.FUSEMAX && d != AttentionDesign.PLUS_ARCHITECTURE;
            LinearLayers.Cost6 lin = LinearLayers.map(BERT, l, 64, 256, flatChip);
            String what = d + " " + r.get("seq_len_label");
            // BERT's GEMMs fill the 256×256 array: the best mapping is compute-bound, as the artifact's
            assertThat(lin.latencyS()).as(what).isCloseTo(Double.parseDouble(r.get("linear_latency_s")), within(1e-9));
            assertThat(lin.dramBytes()).as(what).isCloseTo(Double.parseDouble(r.get("linear_dram_traffic_bytes")), within(1.0));
            assertThat(lin.energyPj() / Double.parseDouble(r.get("linear_energy_pJ"))).as(what + " energy").isBetween(0.95, 1.05);
        }
    }

    @Test
    void attentionEnergyMeanAgainstFlatInTheDerivedBand() {
        double sum = 0;
        int n = 0;
        for (String m : AttentionMeans.MODELS) {
            for (long l : AttentionMeans.LENGTHS) {
                AttentionShape s = AttentionShape.preset(m);
                double fm = AttentionModel.evaluate(AttentionDesign.FUSEMAX, s, l, 64, AttentionClosedFormTest.ARCH, true).energy().totalPj();
                double fl = AttentionModel.evaluate(AttentionDesign.FLAT, s, l, 64, AttentionClosedFormTest.ARCH, true).energy().totalPj();
                sum += fm / fl;
                n++;
            }
        }
        double mean = sum / n;
        // paper 0.7875; per point einsim/artifact is in [0.96, 1.04] for FuseMax and [0.70, 1.04] for FLAT
        assertThat(mean).isBetween(0.7875 * 0.96 / 1.04, 0.7875 * 1.04 / 0.70);
    }

    @Test
    void plusCascadeCountsItsExponentsUnlessCompat() {
        long l = 4096;
        double withExp = AttentionModel.evaluate(AttentionDesign.PLUS_CASCADE, BERT, l, 64, AttentionClosedFormTest.ARCH, false).energy().computePj();
        double dropped = AttentionModel.evaluate(AttentionDesign.PLUS_CASCADE, BERT, l, 64, AttentionClosedFormTest.ARCH, true).energy().computePj();
        double exps = ((double) l * l + (double) l / 256 * l) * 64 * 12;
        assertThat(withExp - dropped).isCloseTo(exps * 94.6475, within(1e-6 * exps * 94.6475));
    }
}
