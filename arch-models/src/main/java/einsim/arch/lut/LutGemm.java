package einsim.arch.lut;

import einsim.arch.lowbit.formats.Codes;

/**
 * The LUT mixed-precision GEMM of the LUT Tensor Core (lut-pim brief §2), on real arrays: Y[m][n] = Σ_k A[m][k]·q[k][n]
 * with unsigned B-bit weights q, computed from bit planes and sign-symmetric tables instead of multiplies.
 * <ul>
 *   <li>K is cut into groups of g = 4 activations; for each group one table of 2^(g−1) = 8 entries,
 *       T[t] = −a0 + Σ_{j=1..3} (2·bit_{j−1}(t) − 1)·a_j (the RTL's convention: stored entries have w0 = 0);</li>
 *   <li>weights are reinterpreted symmetrically (q' = 2q − (2^B − 1)) and stored offline-complemented
 *       (w'_0 = w_0, w'_j = w_j XOR w_0): the address is w'[3:1] and the entry is negated iff w'_0;</li>
 *   <li>Σ_j a_j·q_j = ½·Σ_b 2^b·T[idx_b] + ½·(2^B − 1)·Σ_j a_j (the per-group bias);</li>
 *   <li>a K that is not a multiple of 4 is padded with zero activations; weights of more than 4 bits are just more
 *       bit planes (bit-serially).</li>
 * </ul>
 * Integer activations: the doubled sum 2·Y is accumulated in 64-bit integers, so the result is exact. FP16 or FP8
 * activations: tables are rounded to FP16 and accumulated in double (the documented order: per output, group by group,
 * bit plane by bit plane); INT8 tables (per table scale max(|a0|+…+|a3|)/127, round half to even, saturate) as the paper.
 */
public final class LutGemm {
    public enum AType { INT8, FP8, FP16 }

    /**
     * @param y        the LUT result
     * @param exact    the direct GEMM Σ a·q (in exact integer or double arithmetic of the same activation values)
     * @param bound    per output, the derived bound on |y − exact| (0 where the result must be exact)
     */
    public record Result(double[][] y, double[][] exact, double[][] bound, boolean mustBeExact) {
        public double maxAbsError() {
            double m = 0;
            for (int i = 0; i < y.length; i++) for (int j = 0; j < y[i].length; j++) m = Math.max(m, Math.abs(y[i][j] - exact[i][j]));
            return m;
        }

        public boolean withinBound() {
            for (int i = 0; i < y.length; i++) for (int j = 0; j < y[i].length; j++) if (Math.abs(y[i][j] - exact[i][j]) > bound[i][j]) return false;
            return true;
        }

        public double maxBound() {
            double m = 0;
            for (double[] r : bound) for (double x : r) m = Math.max(m, x);
            return m;
        }
    }

    private LutGemm() {}

    /** The 8 stored entries for activations a0..a3 (RTL convention). */
    public static double[] table(double a0, double a1, double a2, double a3) {
        double[] t = new double[8];
        double[] a = {a1, a2, a3};
        for (int i = 0; i < 8; i++) {
            double s = -a0;
            for (int j = 0; j < 3; j++) s += (((i >> j) & 1) == 1 ? 1 : -1) * a[j];
            t[i] = s;
        }
        return t;
    }

    /** Offline complement of the 4 bits of one bit plane (w0 = bit 0): w'_0 = w_0, w'_j = w_j XOR w_0. */
    public static int complement(int idx) {
        int w0 = idx & 1;
        return w0 == 1 ? (idx ^ 0b1110) : idx;
    }

    /** The lookup: address w'[3:1], negated iff w'_0. */
    public static double lookup(double[] table, int complemented) {
        double v = table[(complemented >> 1) & 7];
        return (complemented & 1) == 1 ? -v : v;
    }

    /**
     * @param a          activations [M][K] (integers for INT8; FP16/FP8 values otherwise)
     * @param q          unsigned weights [K][N], 0 ≤ q &lt; 2^bits
     * @param tableInt8  quantize each table to INT8 (the paper's §3.1.3)
     */
    public static Result run(double[][] a, int[][] q, int bits, AType type, boolean tableInt8) {
        int m = a.length;
        int k = q.length;
        int n = q[0].length;
        if (bits < 1 || bits > 8) throw new IllegalArgumentException("weight bits " + bits + " must be from 1 to 8");
        for (int[] row : q) for (int x : row) if (x < 0 || x >= (1 << bits)) throw new IllegalArgumentException("weight " + x + " is not a " + bits + "-bit unsigned value");
        int groups = (k + 3) / 4;
        double[][] y = new double[m][n];
        double[][] exact = new double[m][n];
        double[][] bound = new double[m][n];
        double u64 = Math.scalb(1.0, -53);
        boolean integer = type == AType.INT8 && !tableInt8;
        for (int i = 0; i < m; i++) {
            for (int g = 0; g < groups; g++) {
                double[] av = new double[4];
                for (int j = 0; j < 4; j++) av[j] = 4 * g + j < k ? a[i][4 * g + j] : 0;
                double[] t = table(av[0], av[1], av[2], av[3]);
                double tScale = 0;
                double[] entryErr = new double[8];
                if (tableInt8) {
                    double s = (Math.abs(av[0]) + Math.abs(av[1]) + Math.abs(av[2]) + Math.abs(av[3])) / 127;
                    tScale = s;
                    for (int e = 0; e < 8; e++) {
                        double r = s == 0 ? 0 : Math.max(-128, Math.min(127, Math.rint(t[e] / s))) * s;
                        entryErr[e] = s / 2;
                        t[e] = r;
                    }
                } else if (!integer) {
                    for (int e = 0; e < 8; e++) {
                        double r = Codes.fromFp16(Codes.toFp16(t[e]));
                        entryErr[e] = Math.abs(r - t[e]);
                        t[e] = r;
                    }
                }
                double sumA = av[0] + av[1] + av[2] + av[3];
                for (int c = 0; c < n; c++) {
                    long acc2 = 0;          // 2·Σ a·q, exact, for integer tables
                    double accD = 0;
                    double err = 0;
                    double mag = 0;
                    for (int b = 0; b < bits; b++) {
                        int idx = 0;
                        for (int j = 0; j < 4; j++) if (4 * g + j < k && ((q[4 * g + j][c] >> b) & 1) == 1) idx |= 1 << j;
                        int cmp = complement(idx);
                        double v = lookup(t, cmp);
                        double scaled = Math.scalb(v, b);
                        if (integer) acc2 += (long) scaled;
                        else accD += scaled;
                        err += Math.scalb(entryErr[(cmp >> 1) & 7], b);
                        mag += Math.abs(scaled);
                    }
                    double bias = ((1 << bits) - 1) * sumA;
                    if (integer) {
                        y[i][c] += (acc2 + (long) bias) / 2.0;
                    } else {
                        y[i][c] += (accD + bias) / 2;
                        // half of: the entries' rounding, and double-precision sums of (bits + 2) terms
                        bound[i][c] += err / 2 + (bits + 2) * u64 * (mag + Math.abs(bias));
                    }
                }
            }
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int j = 0; j < k; j++) s += a[i][j] * q[j][c];
                exact[i][c] = s;
                // the outputs' own sums over the groups, in double
                if (!integer) bound[i][c] += groups * u64 * 4 * Math.abs(s) + groups * u64 * Math.abs(y[i][c]);
            }
        }
        return new Result(y, exact, bound, integer);
    }

    /** Seeded random activations of a type and unsigned weights. */
    public static double[][] randomActivations(int m, int k, AType type, java.util.SplittableRandom r) {
        double[][] a = new double[m][k];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                a[i][j] = switch (type) {
                    case INT8 -> r.nextInt(256) - 128;
                    case FP16 -> Codes.fromFp16(Codes.toFp16((r.nextDouble() * 2 - 1) * 4));
                    case FP8 -> einsim.arch.lowbit.formats.Formats.grid("e4m3").round((r.nextDouble() * 2 - 1) * 8);
                };
            }
        }
        return a;
    }

    public static int[][] randomWeights(int k, int n, int bits, java.util.SplittableRandom r) {
        int[][] q = new int[k][n];
        for (int j = 0; j < k; j++) for (int c = 0; c < n; c++) q[j][c] = r.nextInt(1 << bits);
        return q;
    }
}
