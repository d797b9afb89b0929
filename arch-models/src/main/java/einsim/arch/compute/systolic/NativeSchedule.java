package einsim.arch.compute.systolic;

/**
 * einsim's own (corrected) timing and traffic for a GEMM on a systolic array, shared by the analytic and the
 * cycle-level model so the two can be held to the cycle:
 * <ul>
 *   <li>every fold costs 2R + C + T − 2 cycles, for every dataflow (the SCALE-Sim paper's runtime; SCALE-Sim's os
 *       folds write outputs R − 1 cycles early, quirk 2);</li>
 *   <li>operand tiles are loaded from DRAM into double buffers at the array's bandwidth: fold f's tiles load once
 *       fold f−1's have and fold f−2 has finished computing (its buffer half is free); fold f computes once fold
 *       f−1 has and its tiles are in;</li>
 *   <li>an operand that fits in its SRAM is loaded once (its footprint); otherwise a tile is fetched again whenever
 *       the fold needs a different one than the fold before;</li>
 *   <li>partial sums (ws, is) stay in the ofmap SRAM across row folds and go to DRAM once (M·N words), unless a
 *       column fold's output tile does not fit, in which case they spill and return.</li>
 * </ul>
 */
public final class NativeSchedule {
    /** Per-fold DRAM traffic, words: operand tiles and partial sums read before the fold, outputs written after. */
    public record FoldTraffic(long ifmapWords, long filterWords, long psumReadWords, long writeWords) {
        public long readWords() { return ifmapWords + filterWords + psumReadWords; }
    }

    private final FoldSchedule fs;
    private final SystolicArraySpec spec;
    private final boolean ifmapFits;
    private final boolean filterFits;
    private final boolean psumsFit;

    public NativeSchedule(SystolicArraySpec spec, Gemm g) {
        this.spec = spec;
        this.fs = FoldSchedule.of(spec.dataflow(), spec.rows(), spec.cols(), g.m(), g.n(), g.k());
        this.ifmapFits = g.m() * g.k() <= spec.ifmapSramWords();
        this.filterFits = g.k() * g.n() <= spec.filterSramWords();
        long outTile = spec.dataflow() == Dataflow.OS ? spec.rows() * spec.cols()
                : spec.dataflow() == Dataflow.WS ? g.m() * spec.cols() : spec.cols() * g.n();
        this.psumsFit = outTile <= spec.ofmapSramWords();
    }

    public FoldSchedule folds() { return fs; }

    /** Cycles of one fold: 2R + C + T − 2. */
    public long foldCycles() { return 2 * fs.rows() + fs.cols() + fs.t() - 2; }

    /** Which tile of an operand fold f uses: operands change with the row fold, the column fold, or not at all. */
    private long ifmapTile(long f) {
        long fr = f % fs.rowFolds();
        long fc = f / fs.rowFolds();
        switch (fs.dataflow()) {
            case OS: return fr;              // rows r0.. of A, all K
            case WS: return fr;              // A[:, r0..]
            default: return f;               // is: A tile (c0.., r0..) per fold
        }
    }

    private long filterTile(long f) {
        long fr = f % fs.rowFolds();
        long fc = f / fs.rowFolds();
        switch (fs.dataflow()) {
            case OS: return fc;              // B[:, c0..]
            case WS: return f;               // B tile (r0.., c0..) per fold
            default: return fr;              // is: B[r0.., :]
        }
    }

    private long ifmapTileWords(long f) {
        long fr = f % fs.rowFolds();
        long fc = f / fs.rowFolds();
        switch (fs.dataflow()) {
            case OS: return fs.rowsUsed(fr) * fs.k();
            case WS: return fs.m() * fs.rowsUsed(fr);
            default: return fs.rowsUsed(fr) * fs.colsUsed(fc);
        }
    }

    private long filterTileWords(long f) {
        long fr = f % fs.rowFolds();
        long fc = f / fs.rowFolds();
        switch (fs.dataflow()) {
            case OS: return fs.k() * fs.colsUsed(fc);
            case WS: return fs.rowsUsed(fr) * fs.colsUsed(fc);
            default: return fs.rowsUsed(fr) * fs.n();
        }
    }

    /** Words of outputs fold f produces (for ws/is: partial sums of a column fold's tile). */
    private long outTileWords(long f) {
        long fr = f % fs.rowFolds();
        long fc = f / fs.rowFolds();
        switch (fs.dataflow()) {
            case OS: return fs.rowsUsed(fr) * fs.colsUsed(fc);
            case WS: return fs.m() * fs.colsUsed(fc);
            default: return fs.colsUsed(fc) * fs.n();
        }
    }

    /** DRAM words read before fold f and written after it. */
    public FoldTraffic traffic(long f) {
        long ifm = 0;
        long fil = 0;
        long psum = 0;
        long fr = f % fs.rowFolds();
        if (f == 0 || ifmapTile(f) != ifmapTile(f - 1)) {
            boolean seen = ifmapFits && seenBefore(f, true);
            if (!seen) ifm = ifmapTileWords(f);
        }
        if (f == 0 || filterTile(f) != filterTile(f - 1)) {
            boolean seen = filterFits && seenBefore(f, false);
            if (!seen) fil = filterTileWords(f);
        }
        long writes;
        if (fs.dataflow() == Dataflow.OS) {
            writes = outTileWords(f);
        } else if (psumsFit) {
            writes = fr == fs.rowFolds() - 1 ? outTileWords(f) : 0;
        } else {
            writes = outTileWords(f);                            // spill the partial sums ...
            if (fr > 0) psum = outTileWords(f);                  // ... and read them back
        }
        return new FoldTraffic(ifm, fil, psum, writes);
    }

    /**
     * True when an earlier fold already loaded the tile fold f needs (asked only when the operand fits): with column
     * folds outer, a tile chosen by the row fold was loaded in the first column fold.
     */
    private boolean seenBefore(long f, boolean ifmap) {
        long fc = f / fs.rowFolds();
        boolean byRowFold = ifmap ? fs.dataflow() != Dataflow.IS : fs.dataflow() == Dataflow.IS;
        return byRowFold && fc > 0;
    }

    /** SRAM words read (ifmap, filter, ofmap partial sums) and written (ofmap). */
    public long[] sramCounts() {
        long m = fs.m(), n = fs.n(), k = fs.k(), rf = fs.rowFolds(), cf = fs.colFolds();
        switch (fs.dataflow()) {
            case OS: return new long[]{m * k * cf, k * n * rf, 0, m * n};
            case WS: return new long[]{m * k * cf, k * n, m * n * (rf - 1), m * n * rf};
            default: return new long[]{m * k, k * n * cf, m * n * (rf - 1), m * n * rf};
        }
    }

    public double wordsPerCycle() {
        return spec.bandwidthWordsPerCycle() <= 0 ? Double.POSITIVE_INFINITY : spec.bandwidthWordsPerCycle();
    }
}
