package einsim.mappers.fusemax;

/**
 * Attention energy by the FuseMax artifact's method (brief §11) with einsim's own access counts: every action of the
 * binding (MACs, adds, max, divides, exponents) times the per-action energy of the artifact's 45 nm tables (brief
 * §7), DRAM traffic in 64-bit accesses of 4 values, the global buffer in rows of 256 values, and one register-file
 * read per operation on the array that runs it.
 *
 * <p>What this cannot reproduce (brief §14): the artifact charges Timeloop's per-level access counts to a 4096-bit
 * buffer whose energy table is not stored; FLAT's, Unfused's and +Cascade's totals hold 430–780 pJ per (m, p) point of
 * on-chip energy that the stored tables and these counts do not explain. Compute is exact; see docs/attention.md for
 * the band this gives.
 */
public final class AttentionEnergy {
    /** Per-action energies, pJ (brief §7: the artifact's ERT summaries). */
    public record Ert(double macPj, double addPj, double maxPj, double divPj, double expPj, double dramPjPerAccess, int dramValuesPerAccess,
                      double bufReadPjPerRow, double bufWritePjPerRow, int bufValuesPerRow, double rf2dReadPj, double rf1dReadPj) {
        /** FuseMax's hardware (also +Architecture). */
        public static Ert fuseMax() {
            return new Ert(17.1645, 8.3395, 0.028036, 36.251153, 94.6475, 249.6, 4, 484.97271, 451.30271, 256, 0.653431, 0.653431);
        }

        /** FLAT's hardware (FLAT, Unfused, +Cascade): its register files and its 1-D exponent unit. */
        public static Ert flat() {
            return new Ert(17.1645, 8.3395, 0.028036, 36.251153, 94.6475, 249.6, 4, 484.97271, 451.30271, 256, 0.291512, 0.385026);
        }
    }

    /** pJ by part; {@link #totalPj()} is their sum. */
    public record Breakdown(double computePj, double dramPj, double bufferPj, double rfPj) {
        public double totalPj() { return computePj + dramPj + bufferPj + rfPj; }
    }

    private AttentionEnergy() {}

    /**
     * @param dramBytes the design's DRAM traffic; NaN (FLAT at L ≤ 64K, no closed form) is replaced by the compulsory
     *                  traffic: Q, K and V read once and the output written once
     * @param compat    the artifact's +Cascade drops its exponent energy (brief §13, quirk 3: the cost key
     *                  {@code exponential} does not match the table's); without it they are counted
     */
    public static Breakdown evaluate(AttentionDesign design, AttentionShape s, long seqLen, long batch, long d, double dramBytes,
                                     double bytesPerValue, boolean compat) {
        double bh = (double) batch * s.heads();
        double l = seqLen;
        double pts = l * l * bh;                  // (m, p) points
        double m1pts = (l / d) * l * bh;          // (m1, p) points of the 1-D array
        double divs = s.f() * l * bh;             // AV: one division per (f, p)
        double e = s.e();
        double f = s.f();
        Ert x = design == AttentionDesign.FUSEMAX || design == AttentionDesign.PLUS_ARCHITECTURE ? Ert.fuseMax() : Ert.flat();
        double compute;
        double rf;
        double bufReads;
        double bufWrites;
        switch (design) {
            case FUSEMAX, PLUS_ARCHITECTURE -> {
                // 2-D per point: BQK E MACs, LM max, SLN 6 MACs + add (the exponent), SLD add, SLNV F MACs
                double ops2d = e + 1 + 7 + 1 + f;
                compute = pts * ((e + 6 + f) * x.macPj() + 2 * x.addPj() + x.maxPj());
                // 1-D per (m1, p): RM max, PRM 6 MACs + add, SPD MAC, RD add, SPNV F MACs, RNV F adds
                double ops1d = 1 + 7 + 1 + 1 + 2 * f;
                compute += m1pts * (x.maxPj() + (6 + 1 + f) * x.macPj() + (1 + 1 + f) * x.addPj()) + divs * x.divPj();
                rf = pts * ops2d * x.rf2dReadPj() + (m1pts * ops1d + divs) * x.rf1dReadPj();
                // mapping 1: K and V tiles per (m1, p1) block, Q per (m1, p1), running RM, RD, RNV per (m1, p)
                double blocks = l * l / d * bh;
                bufReads = blocks * (2 * e + f) + m1pts * (2 + f) + f * l * bh;
                bufWrites = m1pts * (2 + f) + f * l * bh;
            }
            case PLUS_CASCADE -> {
                double exps = pts + m1pts;        // SLN per point, PRM per (m1, p): the 1-D exponent unit
                compute = pts * ((e + f) * x.macPj() + x.maxPj() + 2 * x.addPj())
                        + m1pts * (x.maxPj() + x.addPj() + x.macPj() + x.addPj() + f * x.macPj() + f * x.addPj()) + divs * x.divPj()
                        + (compat ? 0 : exps * x.expPj());
                rf = pts * (e + f) * x.rf2dReadPj() + (pts * 4 + m1pts * (5 + 2 * f) + divs) * x.rf1dReadPj();
                // BQK written by the 2-D array, read by LM and SLN; SLN written, read by SLD and by SLNV
                bufReads = pts * 4 + l * l / d * bh * (2 * e + f);
                bufWrites = pts * 2;
            }
            default -> {
                // FLAT and Unfused: QK and AV on the 2-D array, the 3-pass softmax on the 1-D array
                compute = pts * ((e + f) * x.macPj() + x.maxPj() + 2 * x.addPj() + x.expPj() + x.divPj());
                rf = pts * (e + f) * x.rf2dReadPj() + pts * 4 * x.rf1dReadPj();
                // QK written, read by GM and SN; SN written, read by SD and A; A written, read by AV
                bufReads = pts * 5 + l * l / d * bh * (2 * e + f);
                bufWrites = pts * 3;
            }
        }
        double traffic = Double.isNaN(dramBytes) ? bytesPerValue * bh * 2 * (e + f) * l : dramBytes;
        double dram = traffic / bytesPerValue / x.dramValuesPerAccess() * x.dramPjPerAccess();
        double buffer = bufReads / x.bufValuesPerRow() * x.bufReadPjPerRow() + bufWrites / x.bufValuesPerRow() * x.bufWritePjPerRow();
        return new Breakdown(compute, dram, buffer, rf);
    }
}
