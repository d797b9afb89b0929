package einsim.mappers.fusemax;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Golden numbers: every BERT point of validation/fusemax/bert_points.csv (the FuseMax artifact's attn-*.csv) in
 * compatibility mode, and the paper's attention speedup means over the four models and six lengths (brief §12).
 */
class AttentionClosedFormTest {
    static final FuseMaxArch ARCH = FuseMaxArch.cloud(256);
    static final long[] LENGTHS = {1L << 10, 1L << 12, 1L << 14, 1L << 16, 1L << 18, 1L << 20};

    static Path validation() { return einsim.mappers.TestFiles.validation(); }

    static void close(double actual, String expected, String what) {
        double x = Double.parseDouble(expected);
        assertThat(actual).as(what).isCloseTo(x, within(Math.abs(x) * 1e-6));
    }

    @Test
    void everyBertPointOfTheArtifact() throws IOException {
        List<String> lines = Files.readAllLines(validation().resolve("fusemax/bert_points.csv"));
        List<String> head = Arrays.asList(lines.get(0).split(",", -1));
        int rows = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            Map<String, String> r = new HashMap<>();
            for (int i = 0; i < head.size(); i++) r.put(head.get(i), c[i]);
            AttentionDesign d = AttentionDesign.parse(r.get("design"));
            long len = Long.parseLong(r.get("seq_len_tokens"));
            AttentionResult a = AttentionClosedForm.evaluate(d, AttentionShape.preset("bert"), len, Long.parseLong(r.get("batch")), ARCH, true);
            String what = d + " " + r.get("seq_len_label");
            close(a.latencyS(), r.get("attn_latency_s"), what + " latency");
            close(a.latencyS(), r.get("model_latency_s"), what + " model latency");
            close(a.util2d(), r.get("util_2d"), what + " util_2d");
            close(a.util1d(), r.get("util_1d"), what + " util_1d");
            close(a.computeCycles(), r.get("model_compute_cycles"), what + " compute cycles");
            if (r.get("model_dram_traffic_bytes").isEmpty()) {
                assertThat(a.dramBytes()).as(what + " traffic has no closed form").isNaN();
            } else {
                close(a.dramBytes(), r.get("attn_dram_traffic_bytes"), what + " traffic");
            }
            double lin = AttentionClosedForm.linearLatencyS(AttentionShape.preset("bert"), len, 64, ARCH);
            close(lin, r.get("linear_latency_s"), what + " linear latency");
            close(AttentionClosedForm.linearDramBytes(AttentionShape.preset("bert"), len, 64, ARCH), r.get("linear_dram_traffic_bytes"), what + " linear traffic");
            close(a.latencyS() + lin, r.get("e2e_latency_s"), what + " end-to-end latency");
            if (!r.get("share2d_QK").isEmpty()) close(a.shares2d().values().iterator().next(), r.get("share2d_QK"), what + " QK share");
            rows++;
        }
        assertThat(rows).isEqualTo(30);
    }

    @Test
    void attentionSpeedupMeansOverFourModelsAndSixLengths() {
        double vsFlat = 0;
        double vsUnfused = 0;
        int n = 0;
        for (String m : AttentionShape.presetIds()) {
            for (long len : LENGTHS) {
                AttentionShape s = AttentionShape.preset(m);
                double fm = AttentionClosedForm.evaluate(AttentionDesign.FUSEMAX, s, len, 64, ARCH, true).latencyS();
                vsFlat += AttentionClosedForm.evaluate(AttentionDesign.FLAT, s, len, 64, ARCH, true).latencyS() / fm;
                vsUnfused += AttentionClosedForm.evaluate(AttentionDesign.UNFUSED, s, len, 64, ARCH, true).latencyS() / fm;
                n++;
            }
        }
        assertThat(n).isEqualTo(24);
        assertThat(vsFlat / n).isCloseTo(6.7226, within(5e-5));
        assertThat(vsUnfused / n).isCloseTo(10.052, within(5e-4));
    }

    @Test
    void briefWorkedNumbersAndLimits() {
        AttentionResult a = AttentionClosedForm.evaluate(AttentionDesign.FUSEMAX, AttentionShape.preset("bert"), 1024, 64, ARCH, true);
        assertThat(a.computeCycles()).isEqualTo(1_892_352.0);
        assertThat(a.util2d()).isCloseTo(137.0 / 154, within(1e-12));
        assertThat(a.dramBytes()).isEqualTo(402_653_184.0);
        AttentionResult big = AttentionClosedForm.evaluate(AttentionDesign.FUSEMAX, AttentionShape.preset("bert"), 1L << 30, 64, ARCH, true);
        assertThat(big.util2d()).isCloseTo(137.0 / 138, within(1e-3));
        assertThat(AttentionClosedForm.linearLatencyS(AttentionShape.preset("bert"), 1024, 64, ARCH) * 940e6).isCloseTo(7_077_888.0, within(1e-3));
        assertThat(AttentionClosedForm.linearDramBytes(AttentionShape.preset("bert"), 1024, 64, ARCH)).isEqualTo(1_826_095_104.0);
        // corrected default: +Cascade's tile sized for FLAT's 32 MiB buffer, so fewer K/V re-reads at 1M
        AttentionResult compat = AttentionClosedForm.evaluate(AttentionDesign.PLUS_CASCADE, AttentionShape.preset("bert"), 1L << 20, 64, ARCH, true);
        AttentionResult fixed = AttentionClosedForm.evaluate(AttentionDesign.PLUS_CASCADE, AttentionShape.preset("bert"), 1L << 20, 64, ARCH, false);
        assertThat(fixed.p1()).isGreaterThan(compat.p1());
        assertThat(fixed.dramBytes()).isLessThan(compat.dramBytes());
    }
}
