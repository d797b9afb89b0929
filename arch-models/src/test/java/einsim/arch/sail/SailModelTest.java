package einsim.arch.sail;

import einsim.arch.lut.LutUnitFactory;
import einsim.arch.device.DeviceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SAIL's LUT-GEMV: the pattern-aware skip measured from bit planes, lookups against weight bits, the two fidelities. */
class SailModelTest {
    private static final SailModel S = new SailModel(SailSpec.preset());

    @Test
    void skipIsMeasuredFromTheBitPlanes() {
        // one token, K = 4: x = [127, 0, 0, 0] quantizes to 127 = 0b0111_1111: planes 0..6 look up index 1, plane 7 index 0
        assertThat(SailModel.measureSkip(new double[][]{{1, 0, 0, 0}}, 8, 4)).isEqualTo(1.0 / 8);
        // four identical tokens: each plane's index is looked up once for the batch
        double[][] same = {{1, -0.5, 0.25, 0.75}, {1, -0.5, 0.25, 0.75}, {1, -0.5, 0.25, 0.75}, {1, -0.5, 0.25, 0.75}};
        double one = SailModel.measureSkip(new double[][]{same[0]}, 8, 4);
        assertThat(SailModel.measureSkip(same, 8, 4)).isEqualTo(1 - (1 - one) / 4);
        assertThat(SailModel.measureSkip(new double[][]{{0, 0, 0, 0, 0}}, 8, 4)).isEqualTo(1.0);
        // larger batches of random activations repeat more patterns
        double b1 = SailModel.measureSkip(SailModel.syntheticActivations(1, 4096, 3), 8, 4);
        double b64 = SailModel.measureSkip(SailModel.syntheticActivations(64, 4096, 3), 8, 4);
        assertThat(b64).isGreaterThan(b1);
    }

    @Test
    void lookupsDependOnActivationBitsAndBytesOnWeightBits() {
        SailModel.Work w2 = S.work(8, 4096, 4096, 2, 0);
        SailModel.Work w8 = S.work(8, 4096, 4096, 8, 0);
        assertThat(w2.lookups()).isEqualTo(w8.lookups()).isEqualTo(8 * 8 * 1024 * 4096.0);
        assertThat(w8.weightBytes() - 4096 * 64.0).isEqualTo(4 * (w2.weightBytes() - 4096 * 64.0));
        assertThat(w2.tableBuilds()).isEqualTo(1024 * 4096 * 8.0);   // sign-symmetric: 2^(g-1) entries
        assertThat(S.work(8, 4096, 4096, 2, 0.25).lookups()).isEqualTo(0.75 * w2.lookups());
        SailModel given = new SailModel(SailSpec.preset().with("pattern_skip", 0.138));
        assertThat(given.skip(0.5)).isEqualTo(0.138);
        assertThat(S.skip(0.5)).isEqualTo(0.5);
    }

    @Test
    void analyticAndCycleLevelAgreeWithin1Percent() {
        // LLM-sized GEMVs; below ~1M weights the cycle model's whole-cycle ticks per tile dominate (100 x 300: 72 vs 101)
        for (long b : new long[]{1, 8, 64}) {
            for (long[] s : new long[][]{{4096, 4096}, {11008, 4096}, {4096, 11008}, {32000, 4096}, {2048, 2048}}) {
                for (int w : new int[]{2, 4, 8}) {
                    long an = S.analytic(b, s[0], s[1], w, 0.3).cycles();
                    long cy = S.cycle(b, s[0], s[1], w, 0.3).cycles();
                    assertThat((double) cy / an).as("b" + b + " " + s[0] + "x" + s[1] + " W" + w).isBetween(0.99, 1.01);
                }
            }
        }
    }

    @Test
    void parametersAreCheckedAndPrinted(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> SailSpec.preset().with("llc_slizes", 4)).hasMessageContaining("unknown SAIL parameter 'llc_slizes'");
        assertThatThrownBy(() -> SailSpec.preset().with("cpu_efficiency", 2)).hasMessageContaining("cpu_efficiency");
        assertThat(SailSpec.preset().assumptions()).containsKeys("llc_slices", "pattern_skip", "cpu_dollars_per_hour");
        assertThat(SailSpec.preset().assumptions().get("llc_slices")).contains("[assumption]");
        Path f = dir.resolve("sail.yaml");
        Files.writeString(f, "type: sail\nllc_slices: 16\n");
        assertThat(LutUnitFactory.handles(f.toString())).isTrue();
        assertThat(((SailSpec) LutUnitFactory.resolve(f.toString())).get("llc_slices")).isEqualTo(16);
        Files.writeString(f, "type: sail\nllc_slice: 16\n");
        assertThatThrownBy(() -> LutUnitFactory.resolve(f.toString())).isInstanceOf(DeviceException.class)
                .hasMessageContaining("unknown field 'llc_slice'").hasMessageContaining("llc_slices");
        Path g = dir.resolve("gpu.yaml");
        Files.writeString(g, "type: lut-tensor-core\nsms: 132\nprecompute: separate\n");
        var spec = (einsim.arch.lut.LutGpuSpec) LutUnitFactory.resolve(g.toString());
        assertThat(spec.sms()).isEqualTo(132);
        assertThat(spec.precompute()).isEqualTo(einsim.arch.lut.LutGpuSpec.Precompute.SEPARATE);
        Files.writeString(g, "type: lut-tensor-core\nsms: -3\n");
        assertThatThrownBy(() -> LutUnitFactory.resolve(g.toString())).isInstanceOf(DeviceException.class).hasMessageContaining("sms");
        Files.writeString(g, "type: systolic\nrows: 4\n");
        assertThat(LutUnitFactory.handles(g.toString())).isFalse();
    }
}
