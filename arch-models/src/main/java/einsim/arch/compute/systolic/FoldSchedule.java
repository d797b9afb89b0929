package einsim.arch.compute.systolic;

/**
 * How a GEMM maps onto an R × C array for a dataflow: the spatial extents Sr (over rows) and Sc (over columns), the
 * temporal extent T, row and column folds, and the cycles of one fold (systolic brief §4, SCALE-Sim
 * {@code systolic_compute_*.set_params}). Folds run column fold outer, row fold inner: f = fc·rf + fr.
 */
public record FoldSchedule(Dataflow dataflow, long rows, long cols, long m, long n, long k, long sr, long sc, long t,
                           long rowFolds, long colFolds, long foldCycles) {

    public static FoldSchedule of(Dataflow df, long rows, long cols, long m, long n, long k) {
        long sr;
        long sc;
        long t;
        long p;
        switch (df) {
            case OS: sr = m; sc = n; t = k; p = t + rows + cols - 2; break;
            case WS: sr = k; sc = n; t = m; p = 2 * rows + cols + t - 2; break;
            case IS: sr = k; sc = m; t = n; p = 2 * rows + cols + t - 2; break;
            default: throw new IllegalStateException(df.name());
        }
        return new FoldSchedule(df, rows, cols, m, n, k, sr, sc, t, ceilDiv(sr, rows), ceilDiv(sc, cols), p);
    }

    public long folds() { return rowFolds * colFolds; }

    /** Rows of the array used by row fold {@code fr}. */
    public long rowsUsed(long fr) { return Math.min(rows, sr - fr * rows); }

    /** Columns used by column fold {@code fc}. */
    public long colsUsed(long fc) { return Math.min(cols, sc - fc * cols); }

    /** SCALE-Sim's Total Cycles without stalls: the 0-based stamp of the last demand row (quirk 1). */
    public long scaleSimCycles() { return folds() * foldCycles - 1; }

    /** Cycles of the folds, counted (F·P). */
    public long cycles() { return folds() * foldCycles; }

    /** Mapping efficiency, percent: SCALE-Sim's order of float operations (a left-to-right sum in fold order). */
    public double mappingEfficiencyPct() {
        double sum = 0;
        double pes = (double) (rows * cols);
        for (long fc = 0; fc < colFolds; fc++) {
            for (long fr = 0; fr < rowFolds; fr++) sum += (rowsUsed(fr) * colsUsed(fc)) / pes;
        }
        return sum / folds() * 100;
    }

    /** Compute utilisation, percent, with SCALE-Sim's per-fold cycles (2R + 2C + T − 3 for ws/is: quirk 7). */
    public double computeUtilPct(boolean scaleSimQuirk) {
        long pu = dataflow == Dataflow.OS || !scaleSimQuirk ? foldCycles : 2 * rows + 2 * cols + t - 3;
        double sum = 0;
        for (long fc = 0; fc < colFolds; fc++) {
            for (long fr = 0; fr < rowFolds; fr++) {
                sum += (double) (rowsUsed(fr) * colsUsed(fc) * t) / (double) (rows * cols * pu);
            }
        }
        return sum / folds() * 100;
    }

    static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
