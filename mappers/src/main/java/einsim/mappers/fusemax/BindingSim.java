package einsim.mappers.fusemax;

import einsim.sim.Simulator;

import java.util.Arrays;

/**
 * A cycle-level run of FuseMax's binding on sim-core: the 1-pass cascade's Einsums per M0×P0 tile on a D×D 2-D array
 * (BQK, LM, SLN, SLD, SLNV) and a D-wide 1-D array (RM, PRM, SPD, RD, SPNV, RNV and, once per P block, AV), each op
 * occupying its array for its ops per element (the exponent as 6 MACs + 1 add), started only when its operands are
 * there. LM, SLD and SLNV leave the 2-D array by a reduction down the columns and reach the 1-D array D cycles after
 * the op ends; RM reaches the columns over a broadcast bus in 1 cycle. Each array picks, whenever it is free, the
 * oldest ready op among the tiles in its window: a window of 4 tiles is the closed form's epochs (brief §8), FuseMax's
 * default keeps more in flight ({@link AttentionModel#FUSEMAX_WINDOW}); a window of 1 is +Architecture (each tile
 * produced and consumed before the next).
 */
public final class BindingSim {
    enum Op {
        BQK(true), LM(true), SLN(true), SLD(true), SLNV(true), RM(false), PRM(false), SPD(false), RD(false), SPNV(false), RNV(false), AV(false);

        final boolean twoD;

        Op(boolean twoD) { this.twoD = twoD; }
    }

    private static final Op[] OPS_2D = {Op.BQK, Op.LM, Op.SLN, Op.SLD, Op.SLNV};
    private static final Op[] OPS_1D = {Op.RM, Op.PRM, Op.SPD, Op.RD, Op.SPNV, Op.RNV, Op.AV};
    private static final int NOT = -1;

    /**
     * @param cycles   until the last op ends
     * @param busy2d   cycles the 2-D array was busy; @param busy1d likewise the 1-D array
     */
    public record Run(long cycles, long tiles, long busy2d, long busy1d) {}

    private final long d;
    private final long e;
    private final long f;
    private final long m1;
    private final long tiles;
    private final int window;
    private final long latency;
    private final long[][] end;      // end[op][tile], NOT before it starts
    private final Simulator sim = new Simulator();
    private final Array a2;
    private final Array a1;

    private BindingSim(AttentionShape s, long seqLen, long blocks, long d, int window) {
        this.d = d;
        this.e = s.e();
        this.f = s.f();
        this.m1 = seqLen / d;
        this.tiles = blocks * m1;
        this.window = window;
        this.latency = d;
        end = new long[Op.values().length][(int) tiles];
        for (long[] x : end) Arrays.fill(x, NOT);
        a2 = new Array(OPS_2D);
        a1 = new Array(OPS_1D);
    }

    /**
     * Runs {@code blocks} P blocks (each L/D tiles along M) of one attention head.
     *
     * @param window tiles each array may work on at once: 4 for FuseMax, 1 for +Architecture
     */
    public static Run run(AttentionShape s, long seqLen, long blocks, long d, int window) {
        if (seqLen % d != 0 || seqLen < d) throw new IllegalArgumentException("L must be a multiple of D");
        if (blocks * (seqLen / d) > 4_000_000L) {
            throw new IllegalArgumentException("the cycle-level binding would simulate " + blocks * (seqLen / d) + " tiles (L/D = " + seqLen / d
                    + " per P block); it samples at most 4 P blocks, so keep --seqlen / --array ≤ 1,000,000");
        }
        BindingSim b = new BindingSim(s, seqLen, blocks, d, window);
        b.sim.schedule(0, b.a2::issue);
        b.sim.schedule(0, b.a1::issue);
        b.sim.run();
        long last = 0;
        for (long[] x : b.end) for (long v : x) last = Math.max(last, v);
        for (Op op : Op.values()) {
            for (int t = 0; t < b.tiles; t++) {
                boolean needed = op != Op.AV || (t + 1) % b.m1 == 0;
                if (needed && b.end[op.ordinal()][t] == NOT) throw new IllegalStateException(op + " of tile " + t + " never ran");
            }
        }
        return new Run(last, b.tiles, b.a2.busy, b.a1.busy);
    }

    private long duration(Op op) {
        return switch (op) {
            case BQK -> e;
            case LM, SLD, RM, SPD, RD -> 1;
            case SLN, PRM -> 7;
            case SLNV, SPNV, RNV, AV -> f;
        };
    }

    private boolean firstOfBlock(int t) { return t % m1 == 0; }

    /** When op of tile t may start on array {@code twoD}, or NOT when an operand is not even started. */
    private long readyAt(Op op, int t, boolean twoD) {
        long r = 0;
        switch (op) {
            case BQK -> { }
            case LM -> r = dep(Op.BQK, t, twoD);
            case RM -> r = max(dep(Op.LM, t, twoD), prev(Op.RM, t, twoD));
            case SLN -> r = max(dep(Op.BQK, t, twoD), dep(Op.RM, t, twoD));
            case SLD, SLNV -> r = dep(Op.SLN, t, twoD);
            case PRM -> r = dep(Op.RM, t, twoD);
            case SPD -> r = max(dep(Op.PRM, t, twoD), prev(Op.RD, t, twoD));
            case RD -> r = max(dep(Op.SPD, t, twoD), dep(Op.SLD, t, twoD));
            case SPNV -> r = max(dep(Op.PRM, t, twoD), prev(Op.RNV, t, twoD));
            case RNV -> r = max(dep(Op.SPNV, t, twoD), dep(Op.SLNV, t, twoD));
            case AV -> r = max(dep(Op.RNV, t, twoD), dep(Op.RD, t, twoD));
        }
        return r;
    }

    private long dep(Op op, int t, boolean consumer2d) {
        long x = end[op.ordinal()][t];
        if (x == NOT) return NOT;
        if (op.twoD == consumer2d) return x;
        // 2-D results leave by a reduction down the columns (D cycles); RM reaches the columns over a broadcast bus
        return op.twoD ? x + latency : x + 1;
    }

    private long prev(Op op, int t, boolean consumer2d) { return firstOfBlock(t) ? 0 : dep(op, t - 1, consumer2d); }

    private static long max(long a, long b) { return a == NOT || b == NOT ? NOT : Math.max(a, b); }

    /** One array: issues the oldest ready op of the tiles in its window whenever it is free. */
    private final class Array {
        final Op[] ops;
        final boolean twoD;
        long busyUntil;
        long busy;
        int lo;                      // oldest tile with an op of this array not yet started
        final boolean[][] started;

        Array(Op[] ops) {
            this.ops = ops;
            this.twoD = ops[0].twoD;
            started = new boolean[ops.length][(int) tiles];
        }

        private boolean needed(int k, int t) { return ops[k] != Op.AV || (t + 1) % m1 == 0; }

        void issue(long now) {
            if (now < busyUntil) return;
            while (lo < tiles && allStarted(lo)) lo++;
            long earliest = Long.MAX_VALUE;
            for (int t = lo; t < Math.min(tiles, (long) lo + window); t++) {
                for (int k = 0; k < ops.length; k++) {
                    if (started[k][t] || !needed(k, t)) continue;
                    long r = readyAt(ops[k], t, twoD);
                    if (r == NOT) continue;
                    if (r <= now) {
                        start(k, t, now);
                        return;
                    }
                    earliest = Math.min(earliest, r);
                }
            }
            if (earliest != Long.MAX_VALUE) sim.schedule(earliest, this::issue);
        }

        private boolean allStarted(int t) {
            for (int k = 0; k < ops.length; k++) if (needed(k, t) && !started[k][t]) return false;
            return true;
        }

        private void start(int k, int t, long now) {
            long dur = duration(ops[k]);
            long done = now + dur;
            started[k][t] = true;
            end[ops[k].ordinal()][t] = done;
            busyUntil = done;
            busy += dur;
            Array other = this == a2 ? a1 : a2;
            sim.schedule(done, this::issue);
            sim.schedule(done, other::issue);
            sim.schedule(done + latency, other::issue);
        }
    }
}
