package einsim.arch.compute.systolic.scalesim;

import einsim.arch.compute.systolic.ConvLayer;
import einsim.arch.compute.systolic.Dataflow;
import einsim.arch.compute.systolic.DemandStream;
import einsim.arch.compute.systolic.DemandStream.Operand;
import einsim.arch.compute.systolic.FoldSchedule;
import einsim.arch.compute.systolic.SystolicArraySpec;

import java.util.Arrays;

/**
 * SCALE-Sim v2's USER-bandwidth mode ({@code read_buffer.py}; systolic brief §9): a prefetcher over "sets" of the
 * operand's fetch sequence, rows served with stalls when a set is not in the active window, and the ofmap write
 * buffer draining at the user's bandwidth. Kept as SCALE-Sim computes it, unsound parts included; einsim's native
 * model replaces it.
 */
final class UserModel {
    private UserModel() {}

    static ScaleSimReport run(SystolicArraySpec a, ConvLayer layer, FoldSchedule fs, DemandStream ds) {
        long bw = a.bandwidthWordsPerCycle();
        Prefetcher ifm = new Prefetcher(a.ifmapSramWords(), bw, fetchSequence(fs, ds, Operand.IFMAP), a.ifmapOffset(),
                layer.ifmapH() * layer.ifmapW() * layer.channels());
        Prefetcher fil = new Prefetcher(a.filterSramWords(), bw, fetchSequence(fs, ds, Operand.FILTER), a.filterOffset(),
                fs.k() * fs.n());
        WriteBuffer wb = new WriteBuffer(a.ofmapSramWords(), bw);
        long p = fs.foldCycles();
        long[] st = new long[1]; // stalls
        double[] sram = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        long lastOfmapCycle = 0;
        long[] cur = new long[2]; // serve-cycle accumulator, valid flag
        for (long f = 0; f < fs.folds(); f++) {
            for (long t = 0; t < p; t++) {
                long cycle = f * p + t + st[0];
                long ifOut = ifm.serveRow(ds, f, t, cycle, Operand.IFMAP, cur);
                boolean ifValid = cur[1] != 0;
                long filOut = fil.serveRow(ds, f, t, cycle, Operand.FILTER, cur);
                boolean filValid = cur[1] != 0;
                cur[0] = cycle;
                cur[1] = 0;
                ds.row(Operand.OFMAP, f, t, (row, addr) -> {
                    cur[0] = wb.write(cur[0]);
                    cur[1] = 1;
                });
                long ofOut = cur[0];
                boolean ofValid = cur[1] != 0;
                lastOfmapCycle = ofOut;
                if (ifValid) {
                    if (Double.isNaN(sram[0])) sram[0] = ifOut;
                    sram[1] = ifOut;
                }
                if (filValid) {
                    if (Double.isNaN(sram[2])) sram[2] = filOut;
                    sram[3] = filOut;
                }
                if (ofValid) {
                    if (Double.isNaN(sram[4])) sram[4] = ofOut;
                    sram[5] = ofOut;
                }
                st[0] += Math.max(Math.max(ifOut - cycle - 1, filOut - cycle - 1), ofOut - cycle);
            }
        }
        wb.finish(lastOfmapCycle);
        long total = lastOfmapCycle;
        long m = fs.m();
        long n = fs.n();
        long k = fs.k();
        long rf = fs.rowFolds();
        long cf = fs.colFolds();
        long sramIf = a.dataflow() == Dataflow.IS ? m * k : m * k * cf;
        long sramFil = a.dataflow() == Dataflow.OS ? k * n * rf : a.dataflow() == Dataflow.WS ? k * n : k * n * cf;
        long sramOf = a.dataflow() == Dataflow.OS ? m * n + fs.folds() * (a.rows() + a.cols()) : m * n * rf;
        double util = (double) (layer.macs() * 100) / (double) (total * a.rows() * a.cols());
        return new ScaleSimReport(layer.name(), total, st[0], util, fs.mappingEfficiencyPct(), fs.computeUtilPct(true),
                sramIf, sramFil, sramOf, ifm.reads, fil.reads, wb.writes(), sram[0], sram[1], sram[2], sram[3], sram[4],
                sram[5], ifm.start, ifm.lastPf, fil.start, fil.lastPf, wb.start(), wb.stop());
    }

    /**
     * The order in which the prefetcher fetches an operand (SCALE-Sim's "prefetch matrix"): fold blocks padded with
     * −1 to the array's width, stacked, then read along anti-diagonals or row-major (systolic brief §9).
     */
    static long[] fetchSequence(FoldSchedule fs, DemandStream ds, Operand op) {
        long rows = fs.rows();
        long cols = fs.cols();
        long blockRows;
        long width;
        long blocks;
        boolean diagonal;
        Dataflow df = fs.dataflow();
        if (op == Operand.IFMAP) {
            blocks = df == Dataflow.IS ? fs.colFolds() : fs.rowFolds();
            blockRows = df == Dataflow.OS || df == Dataflow.IS ? fs.k() : fs.m();
            width = df == Dataflow.IS ? cols : rows;
            diagonal = df != Dataflow.IS;
        } else {
            blocks = df == Dataflow.IS ? fs.rowFolds() : fs.colFolds();
            blockRows = df == Dataflow.IS ? fs.n() : fs.k();
            width = df == Dataflow.IS ? rows : cols;
            diagonal = df != Dataflow.WS;
        }
        long h = blocks * blockRows;
        long[] seq = new long[Math.toIntExact(h * width)];
        int idx = 0;
        if (diagonal) {
            for (long d = 0; d < h + width; d++) {
                for (long r = Math.min(d, h - 1), lo = Math.max(0, d - width + 1); r >= lo; r--) {
                    seq[idx++] = element(fs, ds, op, r / blockRows, r % blockRows, d - r);
                }
            }
        } else {
            for (long r = 0; r < h; r++) for (long c = 0; c < width; c++) seq[idx++] = element(fs, ds, op, r / blockRows, r % blockRows, c);
        }
        return seq;
    }

    /** Element (row {@code i}, column {@code j}) of fold block {@code b} of the operand's prefetch matrix. */
    private static long element(FoldSchedule fs, DemandStream ds, Operand op, long b, long i, long j) {
        Dataflow df = fs.dataflow();
        if (op == Operand.IFMAP) {
            if (df == Dataflow.OS) { // ifmapᵀ[:, r0:r0+R]: i = k, j = row offset
                long m = b * fs.rows() + j;
                return m < fs.m() ? ds.ifmap(m, i) : -1;
            }
            if (df == Dataflow.WS) { // ifmap[:, r0:r0+R]: i = m, j = k offset
                long k = b * fs.rows() + j;
                return k < fs.k() ? ds.ifmap(i, k) : -1;
            }
            long m = b * fs.cols() + j; // is: ifmapᵀ[:, c0:c0+C]: i = k, j = m offset
            return m < fs.m() ? ds.ifmap(m, i) : -1;
        }
        if (df == Dataflow.IS) { // filter[r0:r0+R, :]ᵀ: i = n, j = k offset
            long k = b * fs.rows() + j;
            return k < fs.k() ? ds.filter(k, i) : -1;
        }
        long n = b * fs.cols() + j; // os, ws: filter[:, c0:c0+C]: i = k, j = n offset
        return n < fs.n() ? ds.filter(i, n) : -1;
    }

    /** SCALE-Sim's USER read buffer for one operand. */
    static final class Prefetcher {
        private final long bw;
        private final int ns;
        private final int na;
        private final int np;
        private final long lp;
        private final long base;
        private final int[] groupStart; // CSR: groups holding each address
        private final int[] groups;
        private int as;
        private int ae;
        long reads;
        long start;
        long lastPf;

        Prefetcher(long sram, long bw, long[] seq, long base, long span) {
            this.bw = bw;
            this.base = base;
            long e = (sram + 99) / 100;
            long a = (sram + 1) / 2;
            // groups of E valid entries (duplicates counted), then a final, possibly empty, group
            int[] count = new int[Math.toIntExact(span) + 1];
            long valid = 0;
            for (long x : seq) if (x != -1) {
                count[(int) (x - base) + 1]++;
                valid++;
            }
            int nsets = (int) (valid / e) + 1;
            this.ns = nsets;
            this.na = (int) Math.min(ceilDiv(a, e), nsets);
            this.np = (int) Math.min(ceilDiv(sram - a, e), nsets - na);
            for (int i = 1; i < count.length; i++) count[i] += count[i - 1];
            this.groupStart = count.clone();
            this.groups = new int[(int) valid];
            int[] fill = count;
            long pos = 0;
            for (long x : seq) {
                if (x == -1) continue;
                int idx = (int) (x - base);
                groups[fill[idx]++] = (int) (pos / e);
                pos++;
            }
            long fillLines = Math.min(ceilDiv(a, bw), ceilDiv(seq.length, bw));
            this.reads = fillLines * bw;
            this.start = -fillLines;
            this.lastPf = -1;
            this.as = 0;
            this.ae = na;
            this.lp = ceilDiv(sram - a, bw);
        }

        private boolean hit(long addr) {
            int idx = (int) (addr - base);
            for (int i = groupStart[idx], e = groupStart[idx + 1]; i < e; i++) {
                int g = groups[i];
                if (as < ae ? (g >= as && g < ae) : (g >= as || g < ae)) return true;
            }
            return false;
        }

        /** Serves one demand row at {@code cycle}; returns the cycle it is served at; out[1] = 1 when it had a request. */
        long serveRow(DemandStream ds, long f, long t, long cycle, Operand op, long[] out) {
            long[] off = {1, 0};
            ds.row(op, f, t, (row, addr) -> {
                off[1] = 1;
                while (!hit(addr)) {
                    as = (int) ((as + np) % ns);
                    ae = (int) ((as + na) % ns);
                    reads += lp * bw;
                    lastPf += lp + 1;
                    long stall = lastPf - (cycle + off[0]);
                    if (stall > 0) off[0] += stall;
                }
            });
            out[1] = off[1];
            return cycle + off[0];
        }
    }

    static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
