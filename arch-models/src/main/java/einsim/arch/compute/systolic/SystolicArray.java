package einsim.arch.compute.systolic;

import einsim.sim.EnergyLedger;
import einsim.sim.Fidelity;
import einsim.sim.Result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 2-D systolic array with double-buffered SRAMs and a DRAM link (the runtime model of a
 * {@link SystolicArraySpec}), at two fidelities on one schedule ({@link NativeSchedule}): a closed form over folds
 * ({@link #analytic(Gemm)}) and a cycle-level simulation on sim-core that moves every operand through the PEs
 * ({@link #cycle(Gemm)}, {@link CycleSystolicSim}). They agree to the cycle.
 */
public final class SystolicArray {
    private final SystolicArraySpec spec;

    public SystolicArray(SystolicArraySpec spec) { this.spec = spec; }

    public SystolicArraySpec spec() { return spec; }

    /** Fold-level timeline: compute, load and write-back times per fold; O(folds). */
    public Result analytic(Gemm g) {
        NativeSchedule ns = new NativeSchedule(spec, g);
        FoldSchedule fs = ns.folds();
        long p = ns.foldCycles();
        double bw = ns.wordsPerCycle();
        long folds = fs.folds();
        long loadEndPrev = 0;
        long computeEndPrev = 0;
        long computeEndPrev2 = 0;
        long readBusy = 0;
        long writeBusy = 0;
        long[] dram = new long[4]; // ifmap, filter, psum reads, writes
        for (long f = 0; f < folds; f++) {
            NativeSchedule.FoldTraffic tr = ns.traffic(f);
            long loadStart = Math.max(Math.max(loadEndPrev, computeEndPrev2), readBusy);
            long loadEnd = loadStart + cycles(tr.readWords(), bw);
            readBusy = loadEnd;
            long computeStart = Math.max(computeEndPrev, loadEnd);
            long computeEnd = computeStart + p;
            if (tr.writeWords() > 0) writeBusy = Math.max(writeBusy, computeEnd) + cycles(tr.writeWords(), bw);
            dram[0] += tr.ifmapWords();
            dram[1] += tr.filterWords();
            dram[2] += tr.psumReadWords();
            dram[3] += tr.writeWords();
            loadEndPrev = loadEnd;
            computeEndPrev2 = computeEndPrev;
            computeEndPrev = computeEnd;
        }
        long total = Math.max(computeEndPrev, writeBusy);
        return result(Fidelity.ANALYTIC, g, fs, ns, total, computeEndPrev - folds * p, dram, ns.sramCounts(), List.of());
    }

    /** The cycle-level model: every operand moved through the PEs, tiles through the buffers, on sim-core. */
    public Result cycle(Gemm g) {
        return new CycleSystolicSim(this, g, null, null).run();
    }

    static long cycles(long words, double bw) {
        return words == 0 || Double.isInfinite(bw) ? 0 : (long) Math.ceil(words / bw);
    }

    /** @param dram words: ifmap, filter and partial-sum reads, then writes; @param sram ifmap, filter, ofmap reads, ofmap writes */
    Result result(Fidelity fid, Gemm g, FoldSchedule fs, NativeSchedule ns, long total, long stalls, long[] dram,
                  long[] sram, List<String> warnings) {
        Map<String, Long> reads = new LinkedHashMap<>();
        reads.put("sram.ifmap", sram[0]);
        reads.put("sram.filter", sram[1]);
        reads.put("sram.ofmap", sram[2]);
        reads.put("dram.ifmap", dram[0]);
        reads.put("dram.filter", dram[1]);
        reads.put("dram.ofmap", dram[2]);
        Map<String, Long> writes = new LinkedHashMap<>();
        writes.put("sram.ifmap", 0L);
        writes.put("sram.filter", 0L);
        writes.put("sram.ofmap", sram[3]);
        writes.put("dram.ifmap", 0L);
        writes.put("dram.filter", 0L);
        writes.put("dram.ofmap", dram[3]);
        long dramReads = dram[0] + dram[1] + dram[2];
        long dramWrites = dram[3];
        EnergyLedger e = new EnergyLedger(spec.energyPjPerAction());
        e.charge("mac", g.macs());
        e.charge("sram_read", sram[0] + sram[1] + sram[2]);
        e.charge("sram_write", sram[3]);
        e.charge("dram_read", dramReads);
        e.charge("dram_write", dramWrites);
        long pes = (long) spec.rows() * spec.cols();
        double util = (double) g.macs() / ((double) total * pes);
        double seconds = total / (spec.clockGhz() * 1e9);
        List<String> w = new ArrayList<>(warnings);
        return new Result(Result.SCHEMA_VERSION, spec.name(), fid, total, stalls, fs.folds() * ns.foldCycles(), seconds,
                reads, writes, e.byAction(), e.totalPj(), spec.totalAreaUm2(), util, fs.mappingEfficiencyPct() / 100, w);
    }
}
