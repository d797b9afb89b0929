package einsim.mappers.map;

import java.util.List;

/**
 * The analytic cost of a mapping: a pure function of (workload, architecture, mapping), in the manner of Timeloop's
 * model. For each tensor and each level that keeps it, the tile it holds is the footprint of the loops at that level
 * and inside; the tile is fetched again each time a loop outside it moves, except for loops that do not index the
 * tensor and sit inside every loop that does (the tile stays: stationarity, or accumulation for the output). Across
 * the PE mesh, a tensor not indexed by a spatial loop is read once and multicast, and an output not indexed by one is
 * reduced in the array. Partial sums that return to a level are read back; the first update of an element is not.
 * Cycles are the temporal steps (plus fill and drain per pass on a systolic array) or, when larger, the words a
 * level moves at its bandwidth.
 *
 * <p>One instance keeps scratch arrays, so it is not thread-safe: give each thread its own.
 */
public final class CostModel {
    private final Workload w;
    private final MapArch a;
    private final int nl;
    private final int nd;
    private final int nt;
    private final boolean[][] rel;
    private final Workload.Tensor[] tensors;
    private final boolean[] out;
    private final long[] wordBytes;
    private final long points;
    private final long[][] ext;
    private final long[] spatialExt;
    private final long[] inner1;
    private final long[][] rd;
    private final long[][] wr;
    private long cycles;
    private long computeCycles;
    private double energy;
    private String bound;
    private String reason;

    public CostModel(Workload w, MapArch a) {
        this.w = w;
        this.a = a;
        nl = a.levels().size();
        nd = w.dims().size();
        nt = w.tensors().size();
        rel = new boolean[nt][nd];
        tensors = w.tensors().toArray(new Workload.Tensor[0]);
        out = new boolean[nt];
        wordBytes = new long[nt];
        for (int t = 0; t < nt; t++) {
            Workload.Tensor x = w.tensors().get(t);
            for (int d = 0; d < nd; d++) rel[t][d] = x.relevant(d);
            out[t] = x.output();
            wordBytes[t] = x.wordBytes();
        }
        points = w.points();
        ext = new long[nl][nd];
        spatialExt = new long[nd];
        inner1 = new long[nd];
        rd = new long[nl][nt];
        wr = new long[nl][nt];
    }

    public Workload workload() { return w; }

    public MapArch arch() { return a; }

    /** The full cost, with per-level and per-tensor counts. */
    public Cost evaluate(Mapping m) {
        if (!run(m)) return Cost.invalid(reason);
        long[][] r = new long[nl][];
        long[][] x = new long[nl][];
        for (int l = 0; l < nl; l++) {
            r[l] = rd[l].clone();
            x[l] = wr[l].clone();
        }
        return new Cost(true, null, cycles, computeCycles, energy, (double) points / ((double) cycles * a.pes()), r, x, points, bound);
    }

    /** The objective alone (+∞ when invalid), without allocating: the search's inner loop. */
    public double objective(Mapping m, Objective o) {
        return run(m) ? o.of(cycles, energy) : Double.POSITIVE_INFINITY;
    }

    /** Why the last evaluated mapping was invalid. */
    public String lastReason() { return reason; }

    private long fp(int t, long[] x) { return tensors[t].footprint(x); }

    private boolean run(Mapping m) {
        if (m.levels() != nl || m.dims() != nd || m.keep().length != nl) {
            reason = "the mapping has " + m.levels() + " levels and " + m.dims() + " dimensions; the architecture has " + nl
                    + " levels and the workload " + nd + " dimensions";
            return false;
        }
        long[][] f = m.factors();
        long px = 1;
        long py = 1;
        for (int d = 0; d < nd; d++) {
            px *= m.spatialX()[d];
            py *= m.spatialY()[d];
        }
        if (px > a.meshX() || py > a.meshY()) {
            reason = "spatial factors " + px + "×" + py + " exceed the " + a.meshX() + "×" + a.meshY() + " mesh";
            return false;
        }
        long[] sizes = w.sizes();
        for (int d = 0; d < nd; d++) {
            spatialExt[d] = m.spatialX()[d] * m.spatialY()[d];
            ext[0][d] = f[0][d];
            inner1[d] = f[0][d] * spatialExt[d];
            for (int l = 1; l < nl; l++) ext[l][d] = (l == 1 ? inner1[d] : ext[l - 1][d]) * f[l][d];
            if (ext[nl - 1][d] < sizes[d]) {
                reason = "the factors of " + w.dims().get(d) + " cover " + ext[nl - 1][d] + " of its " + sizes[d] + " points";
                return false;
            }
        }
        boolean[][] keep = m.keep();
        for (int l = 0; l < nl - 1; l++) {
            MapArch.Level lv = a.levels().get(l);
            long shared = 0;
            for (int t = 0; t < nt; t++) {
                if (!keep[l][t]) continue;
                String tn = w.tensors().get(t).name();
                if (!lv.mayKeep(tn)) {
                    reason = lv.name() + " cannot hold " + tn;
                    return false;
                }
                long bytes = fp(t, ext[l]) * wordBytes[t];
                Long part = lv.tensorCapacityBytes().get(tn);
                if (part != null) {
                    if (bytes > part) {
                        reason = lv.name() + ": the " + tn + " tile of " + bytes + " B exceeds its " + part + " B";
                        return false;
                    }
                } else {
                    shared += bytes;
                }
            }
            if (shared > lv.capacityBytes()) {
                reason = lv.name() + ": tiles of " + shared + " B exceed its " + lv.capacityBytes() + " B";
                return false;
            }
        }
        long tt = 1;
        long inner = 1;
        for (int d = 0; d < nd; d++) inner *= f[0][d];
        tt = inner;
        for (int l = 1; l < nl; l++) for (int d = 0; d < nd; d++) tt *= f[l][d];
        long passes = tt / inner;
        long instances = px * py;
        for (int l = 0; l < nl; l++) {
            java.util.Arrays.fill(rd[l], 0);
            java.util.Arrays.fill(wr[l], 0);
        }
        int[][] order = m.order();
        for (int t = 0; t < nt; t++) {
            int c = 0;
            while (c < nl - 1 && !keep[c][t]) c++;
            // the PEs' own accesses, at the innermost level that keeps the tensor
            long acc;
            long first;
            if (c == 0) {
                acc = tt * instances;
                first = fp(t, ext[0]) * instances * relevantOutside(order, f, 0, t);
            } else {
                acc = tt * fp(t, spatialExt);
                first = fp(t, ext[c]) * relevantOutside(order, f, c, t);
            }
            if (out[t]) {
                wr[c][t] += acc;
                rd[c][t] += acc - first;
            } else {
                rd[c][t] += acc;
            }
            for (int l = c; l < nl - 1; ) {
                int p = l + 1;
                while (p < nl - 1 && !keep[p][t]) p++;
                long count = 1;
                long relc = 1;
                boolean seen = false;
                for (int lv = l + 1; lv < nl; lv++) {
                    int[] ord = order[lv];
                    for (int i = nd - 1; i >= 0; i--) {
                        int d = ord[i];
                        long trip = f[lv][d];
                        if (trip == 1) continue;
                        if (rel[t][d]) {
                            seen = true;
                            relc *= trip;
                        }
                        if (seen) count *= trip;
                    }
                }
                long child = l == 0 ? fp(t, ext[0]) * instances : fp(t, ext[l]);
                long up = l == 0 ? fp(t, inner1) : child;
                if (out[t]) {
                    long back = (count - relc) * up;
                    rd[l][t] += child * count;
                    wr[p][t] += up * count;
                    rd[p][t] += back;
                    wr[l][t] += back;
                } else {
                    wr[l][t] += child * count;
                    rd[p][t] += up * count;
                }
                l = p;
            }
        }
        computeCycles = a.systolic() ? passes * (inner + a.fillDrainCycles()) : tt;
        cycles = computeCycles;
        bound = "compute";
        energy = points * a.macEnergyPj();
        List<MapArch.Level> levels = a.levels();
        for (int l = 0; l < nl; l++) {
            MapArch.Level lv = levels.get(l);
            long rwords = 0;
            long wwords = 0;
            double e = 0;
            for (int t = 0; t < nt; t++) {
                rwords += rd[l][t];
                wwords += wr[l][t];
                e += rd[l][t] * lv.readPj() + wr[l][t] * lv.writePj();
            }
            energy += e / lv.wordsPerAccess();
            double bw = lv.bandwidthWordsPerCycle();
            if (!Double.isInfinite(bw)) {
                long c = lv.duplex() ? (long) Math.ceil(Math.max(rwords, wwords) / bw) : (long) Math.ceil((rwords + wwords) / bw);
                if (c > cycles) {
                    cycles = c;
                    bound = lv.name();
                }
            }
        }
        return true;
    }

    /** Distinct positions of a tensor's tile at level l: the product of the indexing loops outside it. */
    private long relevantOutside(int[][] order, long[][] f, int l, int t) {
        long r = 1;
        for (int lv = l + 1; lv < nl; lv++) for (int d = 0; d < nd; d++) if (rel[t][d]) r *= f[lv][d];
        return r;
    }
}
