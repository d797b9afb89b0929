package einsim.arch.compute.systolic;

import einsim.sim.BandwidthChannel;
import einsim.sim.Clocked;
import einsim.sim.Fidelity;
import einsim.sim.Result;
import einsim.sim.Simulator;

import java.util.List;

/**
 * The cycle-level systolic array on sim-core: each cycle every PE's registers move (inputs right, weights and
 * partial sums down, outputs out of the column), operands enter from the SRAM ports on their skewed schedule, and
 * tiles move between DRAM and the double buffers over bandwidth-limited channels ({@link NativeSchedule}'s policy).
 * With operand values it computes the real product, which tests compare with a plain loop.
 */
final class CycleSystolicSim implements Clocked {
    private final SystolicArray array;
    private final SystolicArraySpec spec;
    private final Gemm g;
    private final NativeSchedule ns;
    private final FoldSchedule fs;
    private final int rows;
    private final int cols;
    private final long p;
    private final double[] a;  // M×K, row-major
    private final double[] b;  // K×N
    private final double[] z;  // M×N
    private final Simulator sim = new Simulator();
    private final BandwidthChannel readCh;
    private final BandwidthChannel writeCh;
    // PE registers
    private final double[] h;   // moving right (os: A, ws: A, is: B)
    private final boolean[] hOk;
    private final double[] v;   // os: B moving down; ws/is: the stationary operand
    private final boolean[] vOk;
    private final double[] acc; // os: accumulators; ws/is: partial sums moving down
    private final boolean[] accOk;
    // schedule state
    private final long folds;
    private final long[] loadEnd;
    private final boolean[] loadDone;
    private final boolean[] loadIssued;
    private long computeEndLast = 0;
    private long computedFolds = 0;
    private long fold = -1;
    private long foldStart;
    private boolean busy;
    private final long[] sram = new long[4]; // ifmap, filter, ofmap reads, ofmap writes
    private final long[] dram = new long[4];
    private long macs;

    CycleSystolicSim(SystolicArray array, Gemm g, double[] a, double[] b) {
        this.array = array;
        this.spec = array.spec();
        this.g = g;
        this.ns = new NativeSchedule(spec, g);
        this.fs = ns.folds();
        this.rows = spec.rows();
        this.cols = spec.cols();
        this.p = ns.foldCycles();
        this.a = a;
        this.b = b;
        this.z = a != null && b != null ? new double[Math.toIntExact(g.m() * g.n())] : null;
        double bw = ns.wordsPerCycle();
        this.readCh = new BandwidthChannel("dram.read", bw);
        this.writeCh = new BandwidthChannel("dram.write", bw);
        int pes = rows * cols;
        this.h = new double[pes];
        this.hOk = new boolean[pes];
        this.v = new double[pes];
        this.vOk = new boolean[pes];
        this.acc = new double[pes];
        this.accOk = new boolean[pes];
        this.folds = fs.folds();
        this.loadEnd = new long[(int) folds];
        this.loadDone = new boolean[(int) folds];
        this.loadIssued = new boolean[(int) folds];
    }

    /** The product computed by the array (null when no operand values were given). */
    double[] output() { return z; }

    Result run() {
        sim.schedule(0, c -> tryLoad(0, c));
        sim.run();
        long total = Math.max(computeEndLast, writeCh.busyUntil());
        long stalls = computeEndLast - folds * p;
        return array.result(Fidelity.CYCLE, g, fs, ns, total, stalls, dram, sram, List.of());
    }

    /** Activity steps the kernel executed (ticks and events), for throughput reporting. */
    long steps() { return sim.activeSteps(); }

    private boolean computeDone(long f) { return f < 0 || f < computedFolds; }

    /** Load fold f's tiles once fold f−1's are in and fold f−2 has left its buffer half. */
    private void tryLoad(long f, long now) {
        if (f >= folds || loadIssued[(int) f]) return;
        if (f > 0 && !loadDone[(int) (f - 1)]) return;
        if (!computeDone(f - 2)) return;
        loadIssued[(int) f] = true;
        NativeSchedule.FoldTraffic tr = ns.traffic(f);
        dram[0] += tr.ifmapWords();
        dram[1] += tr.filterWords();
        dram[2] += tr.psumReadWords();
        long end = readCh.transfer(now, tr.readWords());
        loadEnd[(int) f] = end;
        sim.schedule(end, c -> {
            loadDone[(int) f] = true;
            tryLoad(f + 1, c);
            tryCompute(f, c);
        });
    }

    private void tryCompute(long f, long now) {
        if (busy || f >= folds || f != computedFolds || !loadDone[(int) f]) return;
        busy = true;
        fold = f;
        foldStart = now;
        java.util.Arrays.fill(hOk, false);
        java.util.Arrays.fill(vOk, false);
        java.util.Arrays.fill(accOk, false);
        java.util.Arrays.fill(acc, 0);
        sim.wake(now, this);
    }

    private void foldDone(long f, long now) {
        busy = false;
        computedFolds = f + 1;
        computeEndLast = now;
        long w = ns.traffic(f).writeWords();
        if (w > 0) {
            dram[3] += w;
            writeCh.transfer(now, w);
        }
        tryLoad(f + 1, now);
        tryLoad(f + 2, now);
        tryCompute(f + 1, now);
    }

    @Override
    public long tick(long cycle) {
        long t = cycle - foldStart;
        long fr = fold % fs.rowFolds();
        long fc = fold / fs.rowFolds();
        int ru = (int) fs.rowsUsed(fr);
        int cu = (int) fs.colsUsed(fc);
        long r0 = fr * rows;
        long c0 = fc * cols;
        switch (spec.dataflow()) {
            case OS: stepOs(t, r0, c0, ru, cu); break;
            case WS: stepStationary(t, r0, c0, ru, cu, fr, true); break;
            default: stepStationary(t, r0, c0, ru, cu, fr, false); break;
        }
        if (t == p - 1) {
            long f = fold;
            sim.schedule(cycle + 1, c -> foldDone(f, c));
            return Simulator.IDLE;
        }
        return cycle + 1;
    }

    private double av(long m, long k) { return a == null ? 0 : a[(int) (m * g.k() + k)]; }

    private double bv(long k, long n) { return b == null ? 0 : b[(int) (k * g.n() + n)]; }

    private void stepOs(long t, long r0, long c0, int ru, int cu) {
        long kk = g.k();
        // A moves right, B moves down, one PE per cycle
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = cols - 1; j > 0; j--) {
                h[row + j] = h[row + j - 1];
                hOk[row + j] = hOk[row + j - 1];
            }
            long k = t - i;
            boolean in = i < ru && k >= 0 && k < kk;
            hOk[row] = in;
            if (in) {
                h[row] = av(r0 + i, k);
                sram[0]++;
            }
        }
        for (int j = 0; j < cols; j++) {
            for (int i = rows - 1; i > 0; i--) {
                v[i * cols + j] = v[(i - 1) * cols + j];
                vOk[i * cols + j] = vOk[(i - 1) * cols + j];
            }
            long k = t - j;
            boolean in = j < cu && k >= 0 && k < kk;
            vOk[j] = in;
            if (in) {
                v[j] = bv(k, c0 + j);
                sram[1]++;
            }
        }
        for (int x = 0; x < rows * cols; x++) {
            if (hOk[x] && vOk[x]) {
                acc[x] += h[x] * v[x];
                macs++;
            }
        }
        // outputs leave the bottom of each column, one per cycle, bottom row first
        long base = fs.t() + 2L * rows - 2;
        for (int j = 0; j < cu; j++) {
            long i = base + j - t;
            if (i >= 0 && i < ru) {
                sram[3]++;
                if (z != null) z[(int) ((r0 + i) * g.n() + c0 + j)] = acc[(int) i * cols + j];
            }
        }
    }

    /** ws (weights stationary, inputs stream) and is (inputs stationary, weights stream). */
    private void stepStationary(long t, long r0, long c0, int ru, int cu, long fr, boolean ws) {
        long stream = ws ? g.m() : g.n();
        if (t < rows) { // load the stationary operand from the top, shifting down
            int src = rows - 1 - (int) t;
            for (int j = 0; j < cols; j++) {
                for (int i = rows - 1; i > 0; i--) {
                    v[i * cols + j] = v[(i - 1) * cols + j];
                    vOk[i * cols + j] = vOk[(i - 1) * cols + j];
                }
                boolean in = src < ru && j < cu;
                vOk[j] = in;
                v[j] = 0;
                if (in) {
                    v[j] = ws ? bv(r0 + src, c0 + j) : av(c0 + j, r0 + src);
                    sram[ws ? 1 : 0]++;
                }
            }
        }
        // the streaming operand moves right
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = cols - 1; j > 0; j--) {
                h[row + j] = h[row + j - 1];
                hOk[row + j] = hOk[row + j - 1];
            }
            long s = t - rows - i;
            boolean in = i < ru && s >= 0 && s < stream;
            hOk[row] = in;
            if (in) {
                h[row] = ws ? av(s, r0 + i) : bv(r0 + i, s);
                sram[ws ? 0 : 1]++;
            }
        }
        // partial sums move down, bottom row last so each row reads the row above's previous value
        for (int i = rows - 1; i >= 0; i--) {
            for (int j = 0; j < cols; j++) {
                int x = i * cols + j;
                double above = i == 0 ? 0 : acc[x - cols];
                boolean ok = i == 0 ? hOk[x] : accOk[x - cols];
                double prod = 0;
                if (hOk[x] && vOk[x]) {
                    prod = h[x] * v[x];
                    macs++;
                }
                acc[x] = above + prod;
                accOk[x] = ok;
            }
        }
        // the bottom row's sums are written as they leave
        int bottom = (rows - 1) * cols;
        for (int j = 0; j < cu; j++) {
            if (!accOk[bottom + j]) continue;
            long s = t - (2L * rows - 1) - j;
            if (s < 0 || s >= stream) continue;
            sram[3]++;
            if (fr > 0) sram[2]++; // accumulate onto the previous row fold's partial sum
            if (z != null) {
                long m = ws ? s : c0 + j;
                long n = ws ? c0 + j : s;
                z[(int) (m * g.n() + n)] += acc[bottom + j];
            }
        }
    }

    long macs() { return macs; }
}
