package einsim.arch.lut;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The LUT mpGEMM against a direct GEMM: the brief's unit vector, exactness for integers, bounds otherwise. */
class LutGemmTest {
    @Test
    void theBriefsUnitVector() {
        assertThat(LutGemm.table(1, 2, 3, 4)).containsExactly(-10, -6, -4, 0, -2, 2, 4, 8);
        // q = [3, 0, 1, 2]: bit 0 w = (1,0,1,0) → w' = (1,1,0,1), address 101₂ = 5, negated → −2
        assertThat(LutGemm.complement(0b0101)).isEqualTo(0b1011);
        assertThat(LutGemm.lookup(LutGemm.table(1, 2, 3, 4), LutGemm.complement(0b0101))).isEqualTo(-2);
        assertThat(LutGemm.lookup(LutGemm.table(1, 2, 3, 4), LutGemm.complement(0b1001))).isEqualTo(0);
        LutGemm.Result r = LutGemm.run(new double[][]{{1, 2, 3, 4}}, new int[][]{{3}, {0}, {1}, {2}}, 2, LutGemm.AType.INT8, false);
        assertThat(r.y()[0][0]).isEqualTo(14);
        assertThat(r.mustBeExact()).isTrue();
    }

    @Test
    void integerActivationsAreExactForAnyShapeAndWidth() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 300; trial++) {
            int m = 1 + rnd.nextInt(5);
            int n = 1 + rnd.nextInt(70);
            int k = 1 + rnd.nextInt(40);          // not a multiple of 4 most of the time
            int bits = 1 + rnd.nextInt(8);
            double[][] a = LutGemm.randomActivations(m, k, LutGemm.AType.INT8, rnd);
            int[][] q = LutGemm.randomWeights(k, n, bits, rnd);
            LutGemm.Result r = LutGemm.run(a, q, bits, LutGemm.AType.INT8, false);
            assertThat(r.maxAbsError()).as(m + "x" + n + "x" + k + " " + bits + " bits").isZero();
        }
    }

    @Test
    void floatingActivationsAndInt8TablesStayWithinTheirBounds() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            LutGemm.AType t = LutGemm.AType.values()[1 + rnd.nextInt(2)];
            boolean t8 = rnd.nextBoolean();
            int m = 1 + rnd.nextInt(4);
            int n = 1 + rnd.nextInt(40);
            int k = 1 + rnd.nextInt(300);
            int bits = 1 + rnd.nextInt(4);
            double[][] a = LutGemm.randomActivations(m, k, t, rnd);
            int[][] q = LutGemm.randomWeights(k, n, bits, rnd);
            LutGemm.Result r = LutGemm.run(a, q, bits, t, t8);
            assertThat(r.withinBound()).as(t + " int8 tables " + t8 + " " + m + "x" + n + "x" + k + " " + bits + " bits: error "
                    + r.maxAbsError() + " bound " + r.maxBound()).isTrue();
            assertThat(r.mustBeExact()).isFalse();
        }
        // quantized tables on integer activations are not exact, but bounded
        SplittableRandom r2 = new SplittableRandom(6);
        LutGemm.Result q8 = LutGemm.run(LutGemm.randomActivations(2, 64, LutGemm.AType.INT8, r2), LutGemm.randomWeights(64, 16, 2, r2), 2,
                LutGemm.AType.INT8, true);
        assertThat(q8.withinBound()).isTrue();
        assertThat(q8.maxBound()).isPositive();
    }
}
