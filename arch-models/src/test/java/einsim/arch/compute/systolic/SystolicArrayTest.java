package einsim.arch.compute.systolic;

import einsim.arch.device.Provenance;
import einsim.sim.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timing contracts of the native systolic model, and the analytic model against the cycle-level one: to the cycle
 * and the word on stall-free runs over random shapes and arrays (non-square, not dividing), and with a finite DRAM
 * bandwidth too, since both follow one schedule.
 */
class SystolicArrayTest {
    static SystolicArraySpec spec(int rows, int cols, Dataflow df, long sramWords, long bw) {
        return new SystolicArraySpec("test", rows, cols, df, sramWords, sramWords, sramWords, 0, 0, 0, bw > 0, bw, 1.0, 1,
                Map.of("mac", 0.2, "sram_read", 1.0, "sram_write", 1.0, "dram_read", 100.0, "dram_write", 100.0),
                new Provenance(Provenance.Kind.ESTIMATED, "test", ""), Map.of("pe", 100.0, "sram_byte", 1.0));
    }

    @ParameterizedTest
    @EnumSource(Dataflow.class)
    void oneFoldTakesTwoRPlusCPlusTMinusTwoCycles(Dataflow df) {
        SystolicArray arr = new SystolicArray(spec(4, 6, df, 1 << 20, 0));
        Gemm g = df == Dataflow.OS ? new Gemm(4, 6, 9) : df == Dataflow.WS ? new Gemm(9, 6, 4) : new Gemm(6, 9, 4);
        long t = 9;
        assertThat(arr.analytic(g).cycles()).isEqualTo(2 * 4 + 6 + t - 2);
        assertThat(arr.cycle(g).cycles()).isEqualTo(2 * 4 + 6 + t - 2);
    }

    @Test
    void analyticAndCycleLevelAgreeOnRandomShapesToTheCycleAndWord() {
        SplittableRandom rnd = new SplittableRandom(42);
        int cases = 0;
        for (int n = 0; n < 150; n++) {
            int rows = 1 + rnd.nextInt(9);
            int cols = 1 + rnd.nextInt(9);
            Dataflow df = Dataflow.values()[rnd.nextInt(3)];
            Gemm g = new Gemm(1 + rnd.nextInt(30), 1 + rnd.nextInt(30), 1 + rnd.nextInt(30));
            long sram = rnd.nextBoolean() ? 1 << 20 : 16 + rnd.nextInt(200); // fits, or re-fetches and spills
            long bw = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(16);       // unlimited (stall-free) or finite
            SystolicArray arr = new SystolicArray(spec(rows, cols, df, sram, bw));
            Result an = arr.analytic(g);
            Result cy = arr.cycle(g);
            String at = rows + "x" + cols + " " + df + " " + g + " sram " + sram + " bw " + bw;
            assertThat(cy.cycles()).as(at).isEqualTo(an.cycles());
            assertThat(cy.stallCycles()).as(at).isEqualTo(an.stallCycles());
            assertThat(cy.readsWords()).as(at).isEqualTo(an.readsWords());
            assertThat(cy.writesWords()).as(at).isEqualTo(an.writesWords());
            assertThat(cy.energyPj()).as(at).isEqualTo(an.energyPj());
            if (bw == 0) {
                FoldSchedule fs = FoldSchedule.of(df, rows, cols, g.m(), g.n(), g.k());
                assertThat(an.cycles()).as(at).isEqualTo(fs.folds() * (2L * rows + cols + fs.t() - 2));
                assertThat(an.stallCycles()).isZero();
            }
            cases++;
        }
        assertThat(cases).isEqualTo(150);
    }

    @ParameterizedTest
    @EnumSource(Dataflow.class)
    void theCycleLevelArrayComputesTheProduct(Dataflow df) {
        SplittableRandom rnd = new SplittableRandom(df.ordinal());
        Gemm g = new Gemm(13, 7, 11);
        double[] a = new double[13 * 11];
        double[] b = new double[11 * 7];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextDouble(-1, 1);
        SystolicArray arr = new SystolicArray(spec(4, 3, df, 1 << 20, 0));
        CycleSystolicSim sim = new CycleSystolicSim(arr, g, a, b);
        sim.run();
        double[] z = sim.output();
        for (int m = 0; m < 13; m++) {
            for (int n = 0; n < 7; n++) {
                double want = 0;
                for (int k = 0; k < 11; k++) want += a[m * 11 + k] * b[k * 7 + n];
                assertThat(z[m * 7 + n]).as(df + " Z[" + m + "][" + n + "]").isCloseTo(want, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThat(sim.macs()).isEqualTo(g.macs());
    }

    @Test
    void psumsStayOnChipWhenTheyFitAndSpillWhenNot() {
        Gemm g = new Gemm(20, 8, 24); // ws: K = 24 over 4 rows: 6 row folds
        Result fits = new SystolicArray(spec(4, 4, Dataflow.WS, 1 << 20, 0)).analytic(g);
        assertThat(fits.writesWords()).containsEntry("dram.ofmap", 20L * 8).containsEntry("sram.ofmap", 20L * 8 * 6);
        assertThat(fits.readsWords()).containsEntry("sram.ofmap", 20L * 8 * 5).containsEntry("dram.ifmap", 20L * 24)
                .containsEntry("dram.filter", 24L * 8);
        Result spills = new SystolicArray(spec(4, 4, Dataflow.WS, 64, 0)).analytic(g);
        assertThat(spills.writesWords().get("dram.ofmap")).isEqualTo(20L * 8 * 6);
        assertThat(spills.readsWords().get("dram.ofmap")).isEqualTo(20L * 8 * 5);
    }

    @Test
    void areaIsPesPlusBuffers() {
        Result r = new SystolicArray(spec(4, 8, Dataflow.OS, 1000, 0)).analytic(new Gemm(8, 8, 8));
        assertThat(r.areaUm2()).isEqualTo(32 * 100.0 + 3000 * 1.0);
        assertThat(SystolicPresets.TPU_V1.totalAreaUm2() / 1e6).isBetween(150.0, 200.0); // MXU + UB of a < 331 mm² die
    }

    @Test
    void aSlowLinkStallsTheArray() {
        Gemm g = new Gemm(64, 64, 64);
        Result fast = new SystolicArray(spec(8, 8, Dataflow.OS, 1 << 20, 0)).analytic(g);
        Result slow = new SystolicArray(spec(8, 8, Dataflow.OS, 1 << 20, 1)).analytic(g);
        assertThat(fast.stallCycles()).isZero();
        assertThat(slow.stallCycles()).isPositive();
        assertThat(slow.cycles()).isGreaterThan(fast.cycles());
        // at 1 word/cycle the reads alone take M·K + K·N cycles
        assertThat(slow.cycles()).isGreaterThanOrEqualTo(64L * 64 + 64L * 64);
    }
}
