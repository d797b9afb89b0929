package einsim.arch.lowbit;

import einsim.arch.lowbit.formats.Codes;
import einsim.arch.lowbit.formats.Formats;
import einsim.arch.lowbit.formats.Quantizers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bit codes: BitMoD FP4/FP3 with the −0 code as the special value, OliVe pairs, FP16 and bfloat16. */
class CodesTest {
    @Test
    void bitmodFp4AndFp3RoundTripEveryValueOfEveryType() {
        for (String t : new String[]{"fp4_er_pos", "fp4_er_neg", "fp4_ea_pos", "fp4_ea_neg"}) {
            double special = t.endsWith("er_pos") ? 10 : t.endsWith("er_neg") ? -10 : t.endsWith("ea_pos") ? 16 : -16;
            for (double v : Formats.grid(t).values()) {
                int c = Codes.encodeFp4(v, special);
                assertThat(c).isBetween(0, 15);
                assertThat(Codes.decodeFp4(c, special)).as(t + " " + v).isEqualTo(v == 0 ? 0.0 : v);
            }
        }
        assertThat(Codes.encodeFp4(16, 16)).isEqualTo(0b1000); // the RTL's hard-wired EA_POS: 1000 → +8.0 in E2M1 units
        assertThat(Codes.encodeFp4(3, Double.NaN)).isEqualTo(0b0011); // 1.5 in E2M1
        assertThat(Codes.encodeFp4(-12, Double.NaN)).isEqualTo(0b1111);
        for (String t : new String[]{"fp3_er_pos", "fp3_er_neg", "fp3_ea_pos", "fp3_ea_neg"}) {
            double special = t.endsWith("er_pos") ? 3 : t.endsWith("er_neg") ? -3 : t.endsWith("ea_pos") ? 6 : -6;
            for (double v : Formats.grid(t).values()) assertThat(Codes.decodeFp3(Codes.encodeFp3(v, special), special)).isEqualTo(v == 0 ? 0.0 : v);
        }
        assertThatThrownBy(() -> Codes.encodeFp4(5, Double.NaN)).hasMessageContaining("not an FP4 value");
    }

    @Test
    void olivePairsEncodeTheBriefsVector() {
        double[] q = Quantizers.oliveCodes(new double[]{3.2, 100, -5.9, 2.0, 40, 50, -200, 7.0}, false);
        for (int j = 0; j < q.length; j += 2) {
            int[] c = Codes.encodeOlivePair(q[j], q[j + 1]);
            assertThat(Codes.decodeOlivePair(c[0], c[1])).containsExactly(q[j], q[j + 1]);
        }
        assertThat(Codes.encodeOlivePair(0, 96)).containsExactly(0b1000, 0b0011); // the victim; 96 = 2^(1+5)·(1 + 1/2): e = 01, m = 1
        assertThat(Codes.decodeOlivePair(0b1000, 0b0011)).containsExactly(0, 96);
        assertThatThrownBy(() -> Codes.encodeOlivePair(96, 48)).hasMessageContaining("at most one outlier");
    }

    @Test
    void halfAndBfloat16RoundToNearestEven() {
        assertThat(Codes.fromFp16(Codes.toFp16(1.0))).isEqualTo(1.0);
        assertThat(Codes.toFp16(65504)).isEqualTo((short) 0x7bff);
        assertThat(Codes.toFp16(65520)).isEqualTo((short) 0x7c00); // rounds up to infinity
        assertThat(Codes.fromFp16(Codes.toFp16(1 + Math.scalb(1.0, -11)))).isEqualTo(1.0); // tie to even
        assertThat(Codes.fromFp16(Codes.toFp16(1 + 3 * Math.scalb(1.0, -11)))).isEqualTo(1 + Math.scalb(1.0, -9));
        assertThat(Codes.fromFp16(Codes.toFp16(Math.scalb(1.0, -24)))).isEqualTo(Math.scalb(1.0, -24)); // smallest subnormal
        assertThat(Codes.fromFp16((short) 0x3555)).isEqualTo(0.333251953125);
        assertThat(Codes.fromBf16(Codes.toBf16(1.0 + Math.scalb(1.0, -8)))).isEqualTo(1.0); // tie to even
        assertThat(Codes.fromBf16(Codes.toBf16(3.14159))).isEqualTo(3.140625);
        for (int i = 0; i < 0x7c00; i += 7) assertThat(Codes.toFp16(Codes.fromFp16((short) i))).isEqualTo((short) i);
        // rounded once from the double: just above a tie goes up (rounding to float first would land on the tie)
        assertThat(Codes.toFp16(1 + Math.scalb(1.0, -11) + Math.scalb(1.0, -30))).isEqualTo((short) 0x3c01);
        assertThat(Codes.toBf16(1 + Math.scalb(1.0, -8) + Math.scalb(1.0, -30))).isEqualTo((short) 0x3f81);
        assertThat(Codes.toFp16(-0.0)).isEqualTo((short) 0x8000);
        assertThat(Codes.toFp16(Math.scalb(1.0, -25) * 1.0000001)).isEqualTo((short) 1); // above half the smallest subnormal
        assertThat(Codes.toFp16(Math.scalb(1.0, -25))).isEqualTo((short) 0);               // the tie goes to even (zero)
    }
}
