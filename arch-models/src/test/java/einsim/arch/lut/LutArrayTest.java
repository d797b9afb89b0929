package einsim.arch.lut;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The LUT Tensor Core array: B_W cycles per step, analytic == cycle-level, and the sums give the exact GEMM for small integers. */
class LutArrayTest {
    @Test
    void timingAndValuesAgreeWithTheClosedFormAndTheKernel() {
        SplittableRandom r = new SplittableRandom(2);
        for (int trial = 0; trial < 40; trial++) {
            int bits = 1 + r.nextInt(4);
            LutArray arr = new LutArray(1 + r.nextInt(3), 1 + r.nextInt(16), 4, bits, 1 + r.nextInt(2));
            int rows = 1 + r.nextInt(6);
            int cols = 1 + r.nextInt(40);
            int kk = 1 + r.nextInt(30);
            double[][] a = new double[rows][kk];
            for (double[] row : a) for (int j = 0; j < kk; j++) row[j] = r.nextInt(9) - 4; // sums stay exact in FP16
            int[][] q = LutGemm.randomWeights(kk, cols, bits, r);
            LutArray.Run run = arr.simulate(a, q);
            assertThat(run.cycles()).as(arr + " " + rows + "x" + cols + "x" + kk).isEqualTo(arr.analyticCycles(rows, cols, kk));
            LutGemm.Result ref = LutGemm.run(a, q, bits, LutGemm.AType.INT8, false);
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < cols; c++) {
                    double sumA = 0;
                    for (int j = 0; j < kk; j++) sumA += a[i][j];
                    double y = (run.sums()[i][c] + ((1 << bits) - 1) * sumA) / 2;
                    assertThat(y).isEqualTo(ref.exact()[i][c]);
                }
            }
        }
    }

    @Test
    void theRtlArrayTakesWeightBitsCyclesPerStep() {
        LutArray a = LutArray.rtl(2);
        assertThat(a.steps(2, 64, 4)).isEqualTo(1);
        assertThat(a.analyticCycles(2, 64, 4)).isEqualTo(2);     // valid after B_W = 2 edges
        assertThat(new LutArray(2, 64, 4, 2, 2).analyticCycles(2, 64, 4)).isEqualTo(3); // stage 2: one more
        assertThat(a.analyticCycles(2048, 27648, 2560)).isEqualTo(1024L * 432 * 640 * 2);
    }
}
