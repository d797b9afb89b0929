package einsim.arch.compute.systolic.scalesim;

import einsim.arch.compute.systolic.ConvLayer;
import einsim.arch.compute.systolic.Dataflow;
import einsim.arch.compute.systolic.DemandStream;
import einsim.arch.compute.systolic.DemandStream.Operand;
import einsim.arch.compute.systolic.FoldSchedule;
import einsim.arch.compute.systolic.SystolicArraySpec;

/**
 * SCALE-Sim v2 ({@code scalesim-project/scale-sim-v2@22f88b1}), number for number: closed forms for cycles,
 * utilisations and SRAM counts (systolic brief §4-§6), its CALC scratchpad for DRAM (§7, replayed only where the
 * closed form does not apply) and its USER-bandwidth prefetcher (§9). This is {@code Compat.SCALE_SIM_V2}: its quirks
 * are kept (brief §10).
 */
public final class ScaleSimModel {
    private ScaleSimModel() {}

    public static ScaleSimReport run(SystolicArraySpec a, ConvLayer layer) {
        FoldSchedule fs = FoldSchedule.of(a.dataflow(), a.rows(), a.cols(), layer.m(), layer.n(), layer.k());
        DemandStream ds = new DemandStream(fs, layer, a.ifmapOffset(), a.filterOffset(), a.ofmapOffset());
        if (a.userBandwidth()) return UserModel.run(a, layer, fs, ds);
        long m = fs.m();
        long n = fs.n();
        long k = fs.k();
        long rf = fs.rowFolds();
        long cf = fs.colFolds();
        long total = fs.scaleSimCycles();
        long sramIf;
        long sramFil;
        long sramOf;
        switch (a.dataflow()) {
            case OS:
                sramIf = m * k * cf;
                sramFil = k * n * rf;
                sramOf = m * n + fs.folds() * (a.rows() + a.cols()); // SCALE-Sim#166, kept
                break;
            case WS:
                sramIf = m * k * cf;
                sramFil = k * n;
                sramOf = m * n * rf;
                break;
            default:
                sramIf = m * k;
                sramFil = k * n * cf;
                sramOf = m * n * rf;
                break;
        }
        double util = (double) (layer.macs() * 100) / (double) (total * a.rows() * a.cols());
        // SRAM start/stop: reads answer one cycle after their row, writes in it
        double ifStart = ds.firstRow(Operand.IFMAP) + 1;
        double ifStop = ds.lastRow(Operand.IFMAP) + 1;
        double filStart = ds.firstRow(Operand.FILTER) + 1;
        double filStop = ds.lastRow(Operand.FILTER) + 1;
        double ofStart = ds.firstRow(Operand.OFMAP);
        double ofStop = ds.lastRow(Operand.OFMAP);
        long ifDistinct = ds.distinctIfmap();
        CalcReadBuffer.Result ifDram = CalcReadBuffer.run(a.ifmapSramWords(), ifDistinct,
                ds.ifmapHasHoles() ? -1 : sramIf, ds, Operand.IFMAP, a.ifmapOffset(),
                layer.ifmapH() * layer.ifmapW() * layer.channels());
        CalcReadBuffer.Result filDram = CalcReadBuffer.run(a.filterSramWords(), k * n, sramFil, ds, Operand.FILTER,
                a.filterOffset(), k * n);
        WriteBuffer wb = new WriteBuffer(a.ofmapSramWords(), a.cols());
        long valid = a.dataflow() == Dataflow.OS ? m * n : m * n * rf;
        long d = a.ofmapSramWords() - (a.ofmapSramWords() + 1) / 2;
        if (valid > d) {
            long p = fs.foldCycles();
            for (long f = 0; f < fs.folds(); f++) {
                for (long t = 0; t < p; t++) {
                    long cnt = ds.count(Operand.OFMAP, f, t);
                    if (cnt > 0) wb.writeRow(f * p + t, cnt);
                }
            }
        } else {
            wb.writeRow(0, valid); // no drain can start before the end: rows do not matter
        }
        wb.finish(total);
        return new ScaleSimReport(layer.name(), total, 0, util, fs.mappingEfficiencyPct(), fs.computeUtilPct(true),
                sramIf, sramFil, sramOf, ifDram.reads(), filDram.reads(), wb.writes(), ifStart, ifStop, filStart, filStop,
                ofStart, ofStop, ifDram.start(), ifDram.stop(), filDram.start(), filDram.stop(), wb.start(), wb.stop());
    }
}
