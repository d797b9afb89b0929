package einsim.arch.compute.systolic;

/**
 * The operand addresses an R × C array demands, row by row (one row per cycle) and port by port, as SCALE-Sim
 * builds its demand matrices (systolic brief §3, §5), without materialising them. An address of −1 is no request.
 */
public final class DemandStream {
    /** Receives one valid request: the global demand row and the address. */
    @FunctionalInterface
    public interface Sink {
        void accept(long row, long address);
    }

    /** The three operands. */
    public enum Operand { IFMAP, FILTER, OFMAP }

    private final FoldSchedule fs;
    private final ConvLayer layer;
    private final long ifmapOffset;
    private final long filterOffset;
    private final long ofmapOffset;
    private final long ew;
    private final long sc;   // S·C

    public DemandStream(FoldSchedule fs, ConvLayer layer, long ifmapOffset, long filterOffset, long ofmapOffset) {
        this.fs = fs;
        this.layer = layer;
        this.ifmapOffset = ifmapOffset;
        this.filterOffset = filterOffset;
        this.ofmapOffset = ofmapOffset;
        this.ew = layer.ofmapW();
        this.sc = layer.filterW() * layer.channels();
    }

    public FoldSchedule schedule() { return fs; }

    /** ifmap[m][k]: the input pixel under output m's window at filter position k, or −1 outside the input. */
    public long ifmap(long m, long k) {
        long oh = m / ew;
        long ow = m % ew;
        long r = k / sc;
        long s = (k % sc) / layer.channels();
        long c = k % layer.channels();
        long ih = oh * layer.strideH() + r;
        long iw = ow * layer.strideW() + s;
        if (ih >= layer.ifmapH() || iw >= layer.ifmapW()) return -1;
        return ifmapOffset + (ih * layer.ifmapW() + iw) * layer.channels() + c;
    }

    public long filter(long k, long n) { return filterOffset + n * fs.k() + k; }

    public long ofmap(long m, long n) { return ofmapOffset + m * fs.n() + n; }

    /** Calls the sink for every valid request of one operand in demand row {@code t} of fold {@code f}. */
    public void row(Operand op, long f, long t, Sink sink) {
        long fr = f % fs.rowFolds();
        long fc = f / fs.rowFolds();
        long r0 = fr * fs.rows();
        long c0 = fc * fs.cols();
        long ru = fs.rowsUsed(fr);
        long cu = fs.colsUsed(fc);
        long rows = fs.rows();
        long g = f * fs.foldCycles() + t;
        switch (fs.dataflow()) {
            case OS:
                if (op == Operand.IFMAP) {
                    for (long i = Math.max(0, t - fs.k() + 1), e = Math.min(ru - 1, t); i <= e; i++) {
                        emit(sink, g, ifmap(r0 + i, t - i));
                    }
                } else if (op == Operand.FILTER) {
                    for (long j = Math.max(0, t - fs.k() + 1), e = Math.min(cu - 1, t); j <= e; j++) {
                        emit(sink, g, filter(t - j, c0 + j));
                    }
                } else {
                    long base = fs.t() + rows - 2;
                    for (long j = Math.max(0, t - base), e = Math.min(cu - 1, t - base + ru - 1); j <= e; j++) {
                        emit(sink, g, ofmap(r0 + base + j - t, c0 + j));
                    }
                }
                return;
            case WS:
                if (op == Operand.IFMAP) {
                    for (long i = Math.max(0, t - rows - fs.m() + 1), e = Math.min(ru - 1, t - rows); i <= e; i++) {
                        emit(sink, g, ifmap(t - rows - i, r0 + i));
                    }
                } else if (op == Operand.FILTER) {
                    long i = rows - 1 - t;
                    if (i >= 0 && i < ru) for (long j = 0; j < cu; j++) emit(sink, g, filter(r0 + i, c0 + j));
                } else {
                    long b = t - 2 * rows + 1;
                    for (long j = Math.max(0, b - fs.m() + 1), e = Math.min(cu - 1, b); j <= e; j++) {
                        emit(sink, g, ofmap(b - j, c0 + j));
                    }
                }
                return;
            case IS:
                if (op == Operand.IFMAP) {
                    long i = rows - 1 - t;
                    if (i >= 0 && i < ru) for (long j = 0; j < cu; j++) emit(sink, g, ifmap(c0 + j, r0 + i));
                } else if (op == Operand.FILTER) {
                    for (long i = Math.max(0, t - rows - fs.n() + 1), e = Math.min(ru - 1, t - rows); i <= e; i++) {
                        emit(sink, g, filter(r0 + i, t - rows - i));
                    }
                } else {
                    long b = t - 2 * rows + 1;
                    for (long j = Math.max(0, b - fs.n() + 1), e = Math.min(cu - 1, b); j <= e; j++) {
                        emit(sink, g, ofmap(c0 + j, b - j));
                    }
                }
                return;
            default:
                throw new IllegalStateException();
        }
    }

    /**
     * How many requests of the operand demand row {@code t} of fold {@code f} carries, −1 entries included (exact for
     * the filter and the ofmap, which have none; for the ifmap only when no window leaves the input).
     */
    public long count(Operand op, long f, long t) {
        long fr = f % fs.rowFolds();
        long fc = f / fs.rowFolds();
        long ru = fs.rowsUsed(fr);
        long cu = fs.colsUsed(fc);
        long rows = fs.rows();
        switch (fs.dataflow()) {
            case OS:
                if (op == Operand.IFMAP) return span(Math.max(0, t - fs.k() + 1), Math.min(ru - 1, t));
                if (op == Operand.FILTER) return span(Math.max(0, t - fs.k() + 1), Math.min(cu - 1, t));
                long base = fs.t() + rows - 2;
                return span(Math.max(0, t - base), Math.min(cu - 1, t - base + ru - 1));
            case WS:
                if (op == Operand.IFMAP) return span(Math.max(0, t - rows - fs.m() + 1), Math.min(ru - 1, t - rows));
                if (op == Operand.FILTER) return rows - 1 - t >= 0 && rows - 1 - t < ru ? cu : 0;
                long b = t - 2 * rows + 1;
                return span(Math.max(0, b - fs.m() + 1), Math.min(cu - 1, b));
            default:
                if (op == Operand.IFMAP) return rows - 1 - t >= 0 && rows - 1 - t < ru ? cu : 0;
                if (op == Operand.FILTER) return span(Math.max(0, t - rows - fs.n() + 1), Math.min(ru - 1, t - rows));
                long c = t - 2 * rows + 1;
                return span(Math.max(0, c - fs.n() + 1), Math.min(cu - 1, c));
        }
    }

    private static long span(long lo, long hi) { return hi >= lo ? hi - lo + 1 : 0; }

    /** True when some output window reaches past the input, so ifmap rows hold −1 entries. */
    public boolean ifmapHasHoles() {
        return (layer.ofmapH() - 1) * layer.strideH() + layer.filterH() > layer.ifmapH()
                || (layer.ofmapW() - 1) * layer.strideW() + layer.filterW() > layer.ifmapW();
    }

    private static void emit(Sink sink, long row, long addr) {
        if (addr != -1) sink.accept(row, addr);
    }

    /** Every valid request of one operand, in row order then port order. */
    public void all(Operand op, Sink sink) {
        long p = fs.foldCycles();
        for (long f = 0; f < fs.folds(); f++) for (long t = 0; t < p; t++) row(op, f, t, sink);
    }

    /** The first global row holding a valid request of the operand, or −1. */
    public long firstRow(Operand op) {
        long[] found = {-1};
        long p = fs.foldCycles();
        for (long f = 0; f < fs.folds(); f++) {
            for (long t = 0; t < p; t++) {
                row(op, f, t, (r, a) -> {
                    if (found[0] < 0) found[0] = r;
                });
                if (found[0] >= 0) return found[0];
            }
        }
        return -1;
    }

    /** The last global row holding a valid request of the operand, or −1. */
    public long lastRow(Operand op) {
        long[] found = {-1};
        long p = fs.foldCycles();
        for (long f = fs.folds() - 1; f >= 0; f--) {
            for (long t = p - 1; t >= 0; t--) {
                row(op, f, t, (r, a) -> found[0] = r);
                if (found[0] >= 0) return found[0];
            }
        }
        return -1;
    }

    /** Distinct valid addresses of the input operand: the pixels some window touches, times channels. */
    public long distinctIfmap() {
        boolean[] rowsHit = new boolean[(int) layer.ifmapH()];
        boolean[] colsHit = new boolean[(int) layer.ifmapW()];
        for (long oh = 0; oh < layer.ofmapH(); oh++) {
            for (long r = 0; r < layer.filterH(); r++) {
                long ih = oh * layer.strideH() + r;
                if (ih < layer.ifmapH()) rowsHit[(int) ih] = true;
            }
        }
        for (long ow = 0; ow < layer.ofmapW(); ow++) {
            for (long s = 0; s < layer.filterW(); s++) {
                long iw = ow * layer.strideW() + s;
                if (iw < layer.ifmapW()) colsHit[(int) iw] = true;
            }
        }
        long hr = 0;
        long hc = 0;
        for (boolean b : rowsHit) if (b) hr++;
        for (boolean b : colsHit) if (b) hc++;
        return hr * hc * layer.channels();
    }
}
