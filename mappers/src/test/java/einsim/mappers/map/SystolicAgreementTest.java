package einsim.mappers.map;

import einsim.arch.compute.systolic.Dataflow;
import einsim.arch.compute.systolic.Gemm;
import einsim.arch.compute.systolic.SystolicArray;
import einsim.arch.compute.systolic.SystolicArraySpec;
import einsim.arch.compute.systolic.SystolicPresets;
import einsim.sim.Result;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analytic cost model against the systolic model (arch-models' SystolicArray, itself held to the cycle-level
 * array) on GEMMs mapped as the systolic model maps them: same cycles, same DRAM and SRAM words per operand.
 */
class SystolicAgreementTest {
    private static SystolicArraySpec spec(Dataflow df, int rows, int cols, long ifS, long filS, long ofS, long bw) {
        SystolicArraySpec p = SystolicPresets.SCALESIM_SCALE;
        return new SystolicArraySpec("t", rows, cols, df, ifS, filS, ofS, 0, 0, 0, bw > 0, bw, 1.0, 1, p.energyPjPerAction(),
                p.provenance(), p.areaUm2());
    }

    @Test
    void dividingShapesAgreeOnCyclesTrafficAndEnergy() {
        Random rnd = new Random(7);
        int compared = 0;
        int spills = 0;
        for (int i = 0; i < 400; i++) {
            Dataflow df = Dataflow.values()[i % 3];
            int rows = 1 << (1 + rnd.nextInt(5));
            int cols = 1 << (1 + rnd.nextInt(5));
            long m = (long) rows * (1 + rnd.nextInt(4)) * (1 + rnd.nextInt(3));
            long n = (long) cols * (1 + rnd.nextInt(4));
            long k = (long) rows * (1 + rnd.nextInt(4));
            if (df == Dataflow.OS) { m = (long) rows * (1 + rnd.nextInt(4)); n = (long) cols * (1 + rnd.nextInt(4)); k = 1 + rnd.nextInt(300); }
            if (df == Dataflow.IS) { k = (long) rows * (1 + rnd.nextInt(4)); m = (long) cols * (1 + rnd.nextInt(4)); n = 1 + rnd.nextInt(300); }
            Gemm g = new Gemm(m, n, k);
            long big = 1L << 30;
            boolean tight = rnd.nextBoolean();
            long ifS = tight ? Math.max(1, m * k / 2) : big;
            long filS = tight ? Math.max(1, k * n / 2) : big;
            long ofS = rnd.nextBoolean() ? big : Math.max(1, m * n / (2 + rnd.nextInt(4)));
            SystolicArraySpec s = spec(df, rows, cols, ifS, filS, ofS, 0);
            Mapping mp = SystolicMappings.of(s, g);
            Cost c = new CostModel(Workload.gemm(m, n, k, 1), SystolicMappings.arch(s)).evaluate(mp);
            if (!c.valid()) continue; // a single loop nest cannot hold a tile the systolic model only streams
            Result r = new SystolicArray(s).analytic(g);
            String at = df + " " + rows + "x" + cols + " " + g + " buffers " + ifS + "/" + filS + "/" + ofS;
            assertEquals(r.cycles(), c.cycles(), at + ": cycles");
            assertEquals(r.readsWords().get("dram.ifmap"), c.reads(2, 0), at + ": DRAM A");
            assertEquals(r.readsWords().get("dram.filter"), c.reads(2, 1), at + ": DRAM B");
            assertEquals(r.readsWords().get("dram.ofmap"), c.reads(2, 2), at + ": DRAM partial sums");
            assertEquals(r.writesWords().get("dram.ofmap"), c.writes(2, 2), at + ": DRAM Z");
            assertEquals(r.readsWords().get("sram.ifmap"), c.reads(1, 0), at + ": SRAM A");
            assertEquals(r.readsWords().get("sram.filter"), c.reads(1, 1), at + ": SRAM B");
            if (mp.keep()[1][2]) {
                // the cost model also reads each output from the SRAM to send it to DRAM, and writes A's and B's tiles
                // into the SRAM; the systolic model charges neither. Everything else is the same count and energy.
                long drain = c.writes(2, 2);
                assertEquals(r.readsWords().get("sram.ofmap") + drain, c.reads(1, 2), at + ": SRAM partial sums");
                assertEquals(r.writesWords().get("sram.ofmap"), c.writes(1, 2), at + ": SRAM Z");
                double extra = (c.writes(1, 0) + c.writes(1, 1)) * s.energyPjPerAction().get("sram_write")
                        + drain * s.energyPjPerAction().get("sram_read");
                assertEquals(r.energyPj(), c.energyPj() - extra, 1e-9 * r.energyPj(), at + ": energy");
            } else {
                spills++;
            }
            compared++;
        }
        assertTrue(compared >= 300, "compared " + compared);
        assertTrue(spills >= 20, "partial-sum spills compared " + spills);
    }

    @Test
    void anyShapeAgreesOnCyclesAndPaddingOnlyAddsTraffic() {
        Random rnd = new Random(11);
        for (int i = 0; i < 300; i++) {
            Dataflow df = Dataflow.values()[i % 3];
            int rows = 2 + rnd.nextInt(40);
            int cols = 2 + rnd.nextInt(40);
            Gemm g = new Gemm(1 + rnd.nextInt(300), 1 + rnd.nextInt(300), 1 + rnd.nextInt(300));
            SystolicArraySpec s = spec(df, rows, cols, 1L << 30, 1L << 30, 1L << 30, 0);
            Cost c = new CostModel(Workload.gemm(g.m(), g.n(), g.k(), 1), SystolicMappings.arch(s)).evaluate(SystolicMappings.of(s, g));
            Result r = new SystolicArray(s).analytic(g);
            String at = df + " " + rows + "x" + cols + " " + g;
            assertTrue(c.valid(), at + ": " + c.reason());
            assertEquals(r.cycles(), c.cycles(), at + ": cycles");
            assertTrue(c.reads(2, 0) >= r.readsWords().get("dram.ifmap") && c.reads(2, 1) >= r.readsWords().get("dram.filter"), at);
            assertEquals(r.utilization(), c.utilization(), 1e-12, at + ": utilization");
        }
    }

    @Test
    void bandwidthBoundIsALowerBoundOfTheFoldTimeline() {
        Random rnd = new Random(3);
        for (int i = 0; i < 200; i++) {
            Dataflow df = Dataflow.values()[i % 3];
            int rows = 1 << (1 + rnd.nextInt(4));
            int cols = 1 << (1 + rnd.nextInt(4));
            long q = Math.max(rows, cols); // shapes the array divides: no padded tiles
            Gemm g = new Gemm(q * (1 + rnd.nextInt(6)), q * (1 + rnd.nextInt(6)), q * (1 + rnd.nextInt(6)));
            SystolicArraySpec s = spec(df, rows, cols, 1L << 30, 1L << 30, 1L << 30, 1 + rnd.nextInt(16));
            Cost c = new CostModel(Workload.gemm(g.m(), g.n(), g.k(), 1), SystolicMappings.arch(s)).evaluate(SystolicMappings.of(s, g));
            Result r = new SystolicArray(s).analytic(g);
            // the cost model overlaps transfers with compute perfectly; the fold timeline waits for each tile
            assertTrue(c.cycles() <= r.cycles(), df + " " + g + ": " + c.cycles() + " > " + r.cycles());
            assertTrue(c.cycles() >= c.computeCycles());
        }
    }
}
