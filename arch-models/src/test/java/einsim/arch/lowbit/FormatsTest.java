package einsim.arch.lowbit;

import einsim.arch.lowbit.formats.Formats;
import einsim.arch.lowbit.formats.Grid;
import einsim.arch.lowbit.formats.Quantizers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The worked vectors of the lowbit brief §2 and the grids' definitions. */
class FormatsTest {
    static final double[] GROUP = {0.9, -0.2, 0.5, 0.35, -0.6, 0.05, 0.7, -0.1};

    @Test
    void bitmodThreeBitCandidatesOnTheBriefsGroup() {
        Object[][] want = {
                {"fp3_er_pos", 0.225, new double[]{4, -1, 2, 2, -2, 0, 3, 0}, 0.00609375},
                {"fp3_er_neg", 0.225, new double[]{4, -1, 2, 2, -3, 0, 4, 0}, 0.00890625},
                {"fp3_ea_pos", 0.15, new double[]{6, -1, 4, 2, -4, 0, 4, -1}, 0.00375},
                {"fp3_ea_neg", 0.15, new double[]{4, -1, 4, 2, -4, 0, 4, -1}, 0.015}};
        for (Object[] w : want) {
            Quantizers.Block b = Quantizers.grid(Formats.grid((String) w[0]), GROUP);
            assertThat(b.scale()).as((String) w[0]).isCloseTo((Double) w[1], within(1e-15));
            assertThat(b.codes()).as((String) w[0]).containsExactly((double[]) w[2]);
            assertThat(b.mse()).as((String) w[0]).isCloseTo((Double) w[3], within(1e-15));
        }
        assertThat(Quantizers.bitmod(Quantizers.bitmodCandidates(3), GROUP).type()).isEqualTo("fp3_ea_pos");
    }

    @Test
    void bitmodGridsAndTies() {
        assertThat(Formats.grid("fp4").values()).containsExactly(-12, -8, -6, -4, -3, -2, -1, 0, 1, 2, 3, 4, 6, 8, 12);
        assertThat(Formats.grid("fp4_er_pos").values()).contains(10).doesNotContain(-10);
        assertThat(Formats.grid("fp4_ea_neg").values()).contains(-16);
        assertThat(Formats.grid("flint4_bitmod").maxAbs()).isEqualTo(16);
        // BitMoD: a tie goes to the lower value; ANT: to the later (larger) entry
        assertThat(Formats.grid("fp4").round(5)).isEqualTo(4);
        assertThat(Formats.grid("fp4").round(-5)).isEqualTo(-6);
        assertThat(Formats.grid("ant_flint4").round(3)).isEqualTo(4);
        assertThat(Formats.grid("ant_int4").maxAbs()).isEqualTo(8);
        // OCP E2M1 from its bit fields
        assertThat(Formats.fpValues(2, 1)).containsExactly(-6, -4, -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4, 6);
        assertThat(Formats.grid("e4m3").maxAbs()).isEqualTo(448); // OCP: S.1111.111 is NaN
        assertThat(Formats.grid("e5m2").maxAbs()).isEqualTo(57344); // IEEE-style: the top exponent is inf and NaN
    }

    @Test
    void oliveOutlierVictimPairsOnTheBriefsVector() {
        double[] x = {3.2, 100, -5.9, 2.0, 40, 50, -200, 7.0};
        assertThat(Quantizers.oliveCodes(x, false)).containsExactly(0, 96, -4, 4, 48, 0, -192, 0);
        assertThat(Quantizers.abfloat4()).containsExactly(-384, -256, -192, -128, -96, -64, -48, 48, 64, 96, 128, 192, 256, 384);
        // ties to the later entry: 2.0 → 4, −2.0 → 0, 38 → 48, −38 → −48
        assertThat(Quantizers.oliveCodes(new double[]{2.0, 0, -2.0, 0, 38, 0, -38, 0}, false)).containsExactly(4, 0, 0, 0, 48, 0, -48, 0);
        Quantizers.Block b = Quantizers.olive(new double[]{0.1, -0.2, 0.05, 3.0, 0.3, -0.1, 0.0, 0.2});
        int outliers = 0;
        for (int j = 0; j < 8; j += 2) {
            boolean o0 = Math.abs(b.codes()[j]) > 32;
            boolean o1 = Math.abs(b.codes()[j + 1]) > 32;
            assertThat(o0 && o1).isFalse();
            if (o0 || o1) outliers++;
        }
        assertThat(outliers).isLessThanOrEqualTo(4);
    }

    @Test
    void uniformIntegers() {
        Quantizers.Block s = Quantizers.intSymmetric(4, new double[]{0.875, -0.4375, 0.0625, 0.3125});
        assertThat(s.scale()).isEqualTo(0.125);
        assertThat(s.codes()).containsExactly(7, -4, 0, 2); // −3.5 → −4, 0.5 → 0 and 2.5 → 2: half to even
        Quantizers.Block a = Quantizers.intAsymmetric(2, new double[]{-1, 0, 0.5, 2});
        assertThat(a.scale()).isEqualTo(1.0);
        assertThat(a.codes()).containsExactly(0, 1, 1, 3); // z = 1; 0.5 rounds half to even to 0, plus z
        assertThatThrownBy(() -> Quantizers.intSymmetric(0, new double[]{1})).hasMessageContaining("from 2 to 16");
    }

    @Test
    void mxBlocksShareAPowerOfTwoAndSaturate() {
        double[] v = new double[32];
        for (int i = 0; i < 32; i++) v[i] = (i - 16) * 0.37;
        Quantizers.Block b = Quantizers.mx(Formats.grid("e2m1"), 2, v);
        assertThat(Math.log(b.scale()) / Math.log(2)).isCloseTo(Math.rint(Math.log(b.scale()) / Math.log(2)), within(1e-12));
        for (double c : b.codes()) assertThat(Formats.grid("e2m1").values()).contains(c);
        // max |v| = 5.92: X = 2^(2 − 2) = 1; 5.92 → 6; 0.37·5 = 1.85 → 2; 1.25 (tie of 1 and 1.5) → 1 (even code)
        assertThat(b.scale()).isEqualTo(1.0);
        assertThat(Quantizers.mx(Formats.grid("e2m1"), 2, new double[]{1.25, 5.92, 1.85, 2.5}).codes()).containsExactly(1, 6, 2, 2);
        assertThatThrownBy(() -> Formats.grid("fp5")).hasMessageContaining("unknown format 'fp5'").hasMessageContaining("fp4");
        // BitMoD's quant_mx: max 5.92 → e = 2, scale 4/6 (not a power of two), 5.92/0.667 = 8.88 → 8, no saturation
        Quantizers.Block bm = Quantizers.mxBitmod(Formats.grid("fp4"), new double[]{1.25, 5.92, 1.85, 2.5});
        assertThat(bm.scale()).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(bm.codes()).containsExactly(2, 8, 3, 4);
    }
}
