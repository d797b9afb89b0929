package einsim.arch.lowbit;

import einsim.arch.lowbit.formats.Formats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Weight terms (radix-4 Booth for INT, two set bits for BitMoD's FP3/FP4) and the PE arrays: analytic and cycle-level
 * agree to the cycle on random GEMM tiles, and the cycle-level array computes the exact product.
 */
class PeArrayTest {
    @Test
    void boothDigitsRebuildEveryInteger() {
        for (int bits : new int[]{3, 4, 6, 8}) {
            for (long q = -(1L << (bits - 1)); q < (1L << (bits - 1)); q++) {
                List<WeightTerms.Term> t = WeightTerms.booth(q, bits);
                assertThat(t).as(bits + "-bit " + q).hasSize((bits + 1) / 2);
                assertThat(WeightTerms.sum(t)).as(bits + "-bit " + q).isEqualTo(q);
            }
        }
        assertThat(WeightTerms.termsFor(8)).isEqualTo(4);
        assertThat(WeightTerms.termsFor(6)).isEqualTo(3);
        assertThat(WeightTerms.termsFor(4)).isEqualTo(2);
        assertThat(WeightTerms.termsFor(3)).isEqualTo(2);
        assertThatThrownBy(() -> WeightTerms.booth(8, 4)).hasMessageContaining("not a 4-bit integer");
    }

    @Test
    void everyBitmodGridValueIsTwoTerms() {
        for (String g : new String[]{"fp3_er_pos", "fp3_er_neg", "fp3_ea_pos", "fp3_ea_neg", "fp4_er_pos", "fp4_er_neg", "fp4_ea_pos", "fp4_ea_neg"}) {
            for (double v : Formats.grid(g).values()) {
                List<WeightTerms.Term> t = WeightTerms.fpTerms(v);
                assertThat(t).hasSize(2);
                assertThat(WeightTerms.sum(t)).as(g + " " + v).isEqualTo(v);
            }
        }
        assertThatThrownBy(() -> WeightTerms.fpTerms(7)).hasMessageContaining("more than two set bits");
    }

    @SuppressWarnings("unchecked")
    @Test
    void analyticAndCycleLevelAgreeAndTheProductIsExact() {
        Random r = new Random(9);
        double[] fp4 = Formats.grid("fp4_ea_pos").values();
        for (int trial = 0; trial < 60; trial++) {
            int m = 1 + r.nextInt(20);
            int n = 1 + r.nextInt(20);
            int k = 1 + r.nextInt(300);
            int kind = trial % 4;
            PeArray a = switch (kind) {
                case 0 -> PeArray.bitmod(1 + r.nextInt(8), 1 + r.nextInt(8), 4);
                case 1 -> PeArray.bitmod(1 + r.nextInt(8), 1 + r.nextInt(8), 8);
                case 2 -> PeArray.fp16Int8(1 + r.nextInt(8), 1 + r.nextInt(8));
                default -> PeArray.fp16(1 + r.nextInt(8), 1 + r.nextInt(8));
            };
            double[][] act = new double[m][k];
            double[][] w = new double[k][n];
            List<WeightTerms.Term>[][] terms = new List[k][n];
            for (int i = 0; i < m; i++) for (int j = 0; j < k; j++) act[i][j] = r.nextInt(31) - 15;
            for (int j = 0; j < k; j++) {
                for (int c = 0; c < n; c++) {
                    if (kind == 0) {
                        w[j][c] = fp4[r.nextInt(fp4.length)];
                        terms[j][c] = WeightTerms.fpTerms(w[j][c]);
                    } else {
                        w[j][c] = r.nextInt(256) - 128;
                        if (kind == 1) terms[j][c] = WeightTerms.booth((long) w[j][c], 8);
                    }
                }
            }
            PeArray.Run run = a.simulate(act, w, a.bitSerial() ? terms : null);
            String at = a + " " + m + "x" + n + "x" + k;
            assertThat(run.cycles()).as(at).isEqualTo(a.analyticCycles(m, n, k));
            for (int i = 0; i < m; i++) {
                for (int c = 0; c < n; c++) {
                    double s = 0;
                    for (int j = 0; j < k; j++) s += act[i][j] * w[j][c];
                    assertThat(run.out()[i][c]).as(at + " out").isEqualTo(s);
                }
            }
        }
    }

    @Test
    void theSimulatorsTileCountIsTheArraysAndBitSerialCostsTermsPerWeight() {
        // BitMoD-lossy decode on Llama-2-7B's q_proj: 1024 · 64 · 1 tiles, 2 terms each (the brief's 131,072 cycles)
        PeArray a = PeArray.bitmod(64, 16, 3);
        assertThat(a.tiles(1, 4096, 4096)).isEqualTo(65_536);
        assertThat(a.analyticCycles(1, 4096, 4096) - PeArray.DEQUANT_CYCLES).isEqualTo(131_072);
        assertThat(PeArray.fp16Int8(64, 16).analyticCycles(1, 4096, 4096)).isEqualTo(4096L * 64);
    }
}
