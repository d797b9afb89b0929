package einsim.arch.lowbit.formats;

import java.util.List;

/**
 * Quantizers of the low-bit formats, exact on each format's value grid (lowbit brief §2): uniform INT (symmetric and
 * asymmetric, round half to even), grid formats with their tie rules, BitMoD's per-group choice of type by lowest
 * error, OliVe's outlier-victim pairs with abfloat outliers, and OCP MX blocks.
 */
public final class Quantizers {
    private Quantizers() {}

    /**
     * One quantized block.
     *
     * @param scale  s (ŵ = code · s); for MX the shared power-of-two scale
     * @param codes  the grid values chosen, in the format's units
     * @param deq    ŵ
     * @param type   the type chosen (BitMoD's per-group choice, ANT's per-tensor choice), else the format's name
     */
    public record Block(String type, double scale, double[] codes, double[] deq, double mse) {}

    static double mse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s / a.length;
    }

    static double maxAbs(double[] w) {
        double m = 0;
        for (double x : w) m = Math.max(m, Math.abs(x));
        return m;
    }

    /** Non-uniform quantization on a grid: s = max|w| / max|g|, nearest grid value (§2.1). */
    public static Block grid(Grid g, double[] w) {
        double m = maxAbs(w);
        double s = m == 0 ? 1 : m / g.maxAbs();
        double[] q = new double[w.length];
        double[] d = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = g.round(w[i] / s);
            d[i] = q[i] * s;
        }
        return new Block(g.name(), s, q, d, mse(w, d));
    }

    /** Symmetric INT-b: s = max|w| / (2^(b−1) − 1), codes ±(2^(b−1) − 1), round half to even. */
    public static Block intSymmetric(int bits, double[] w) {
        if (bits < 2 || bits > 16) throw new IllegalArgumentException("INT bits " + bits + " must be from 2 to 16");
        long qmax = (1L << (bits - 1)) - 1;
        double m = maxAbs(w);
        double s = m == 0 ? 1 : m / qmax;
        double[] q = new double[w.length];
        double[] d = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = Math.max(-qmax, Math.min(qmax, Math.rint(w[i] / s)));
            d[i] = q[i] * s;
        }
        return new Block("int" + bits, s, q, d, mse(w, d));
    }

    /** Asymmetric INT-b: s = (max − min) / (2^b − 1), zero point z = rint(−min/s) clamped, codes 0..2^b − 1. */
    public static Block intAsymmetric(int bits, double[] w) {
        if (bits < 2 || bits > 16) throw new IllegalArgumentException("INT bits " + bits + " must be from 2 to 16");
        long qmax = (1L << bits) - 1;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : w) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        double s = hi > lo ? (hi - lo) / qmax : 1;
        double z = Math.max(0, Math.min(qmax, Math.rint(-lo / s)));
        double[] q = new double[w.length];
        double[] d = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = Math.max(0, Math.min(qmax, Math.rint(w[i] / s) + z));
            d[i] = (q[i] - z) * s;
        }
        return new Block("int" + bits + "_asym", s, q, d, mse(w, d));
    }

    /**
     * BitMoD's per-group choice (§2.3): each candidate quantizes the group with its own scale; a candidate replaces the
     * best only with a strictly smaller mean squared error (so ties keep the earlier type).
     */
    public static Block bitmod(List<Grid> candidates, double[] group) {
        Block best = null;
        double bestErr = Double.POSITIVE_INFINITY;
        for (Grid g : candidates) {
            Block b = grid(g, group);
            if (b.mse() < bestErr) {
                best = b;
                bestErr = b.mse();
            }
        }
        return best;
    }

    /** BitMoD's candidate lists: 3-bit [fp3_er_pos, fp3_er_neg, fp3_ea_pos, fp3_ea_neg], 4-bit likewise with fp4. */
    public static List<Grid> bitmodCandidates(int bits) {
        String p = switch (bits) {
            case 3 -> "fp3";
            case 4 -> "fp4";
            default -> throw new IllegalArgumentException("BitMoD mixes 3- or 4-bit types, not " + bits);
        };
        return List.of(Formats.grid(p + "_er_pos"), Formats.grid(p + "_er_neg"), Formats.grid(p + "_ea_pos"), Formats.grid(p + "_ea_neg"));
    }

    /** OliVe's abfloat outliers (1 sign, 2 exponent, 1 mantissa, bias 5; (e,m) = (0,0) excluded), ascending. */
    public static double[] abfloat4() {
        java.util.TreeSet<Double> s = new java.util.TreeSet<>();
        for (int e = 0; e < 4; e++) {
            for (int mt = 0; mt < 2; mt++) {
                if (e == 0 && mt == 0) continue;
                double v = Math.pow(2, e + 5) * (1 + mt / 2.0);
                s.add(v);
                s.add(-v);
            }
        }
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * OliVe's outlier-victim pairs on values already divided by the scale (§2.5): the nearest value of the normal grid
     * (int4 ×4: {0, ±4, …, ±28}, or flint4 ×8) followed by the abfloat outliers, ties to the later entry; then in each
     * pair (2j, 2j+1) an outlier (|q| &gt; 32) makes its partner a victim (0), the first element winning.
     *
     * @param flint true: the flint normal grid
     */
    public static double[] oliveCodes(double[] x, boolean flint) {
        double[] normal = flint ? new double[]{-32, -16, -12, -8, -6, -4, -2, 0, 2, 4, 6, 8, 12, 16, 32}
                : new double[]{-28, -24, -20, -16, -12, -8, -4, 0, 4, 8, 12, 16, 20, 24, 28};
        double[] out = abfloat4();
        double[] all = new double[normal.length + out.length];
        System.arraycopy(normal, 0, all, 0, normal.length);
        System.arraycopy(out, 0, all, normal.length, out.length);
        Grid g = new Grid(flint ? "olive_flint" : "olive_int", all, true);
        double[] q = new double[x.length];
        for (int i = 0; i < x.length; i++) q[i] = g.round(x[i]);
        for (int j = 0; j + 1 < q.length; j += 2) {
            if (Math.abs(q[j]) > 32) q[j + 1] = 0;
            else if (Math.abs(q[j + 1]) > 32) q[j] = 0;
        }
        return q;
    }

    /**
     * OliVe on a row (per output channel): the clipping value α with the smallest error among 75 %, 77 %, …, 249 % of
     * max(|μ ± 3σ|), scale α / 28 (int normal grid), outlier-victim pairs.
     */
    public static Block olive(double[] w) { return olive(w, false); }

    /** As {@link #olive(double[])} with the int (scale α/28) or the flint normal grid (scale α/32). */
    public static Block olive(double[] w, boolean flint) {
        double mu = 0;
        for (double x : w) mu += x;
        mu /= w.length;
        double var = 0;
        for (double x : w) var += (x - mu) * (x - mu);
        double sigma = Math.sqrt(var / w.length);
        double ref = Math.max(Math.abs(mu + 3 * sigma), Math.abs(mu - 3 * sigma));
        if (ref == 0) ref = Math.max(maxAbs(w), 1e-30);
        Block best = null;
        for (int pct = 75; pct < 250; pct += 2) {
            double s = ref * pct / 100.0 / (flint ? 32 : 28);
            double[] x = new double[w.length];
            for (int i = 0; i < w.length; i++) x[i] = w[i] / s;
            double[] q = oliveCodes(x, flint);
            double[] d = new double[w.length];
            for (int i = 0; i < w.length; i++) d[i] = q[i] * s;
            double e = mse(w, d);
            if (best == null || e < best.mse()) best = new Block(flint ? "olive_flint" : "olive_int", s, q, d, e);
        }
        return best;
    }

    /**
     * OCP MX block (v1.0): a shared E8M0 scale X = 2^(floor(log2 max|v|) − emax), elements rounded to the element
     * grid with saturation, ties to the even code (MXFP4: E2M1, emax 2).
     */
    public static Block mx(Grid element, int emax, double[] block) {
        double m = maxAbs(block);
        double x = m == 0 ? 1 : Math.scalb(1.0, Math.getExponent(m) - emax);
        double top = element.maxAbs();
        double[] pos = java.util.Arrays.stream(element.values()).filter(v -> v >= 0).sorted().toArray();
        double[] q = new double[block.length];
        double[] d = new double[block.length];
        for (int i = 0; i < block.length; i++) {
            double a = Math.min(Math.abs(block[i] / x), top);
            int k = 0;
            while (k + 1 < pos.length && pos[k + 1] <= a) k++;
            double v = pos[k];
            if (k + 1 < pos.length) {
                double lo = a - pos[k];
                double hi = pos[k + 1] - a;
                if (hi < lo || (hi == lo && (k + 1) % 2 == 0)) v = pos[k + 1];
            }
            q[i] = Math.copySign(v, block[i]);
            d[i] = q[i] * x;
        }
        return new Block("mx_" + element.name(), x, q, d, mse(block, d));
    }

    /**
     * BitMoD's {@code quant_mx} baseline (brief §2.6): e = floor(log2 max|w|), x = (w / 2^e)·(Gmax/2) in grid units,
     * rounded on the grid (§2.1, ties to the lower value), ŵ = q·2^e/(Gmax/2). Unlike OCP MX the effective scale is not
     * a power of two for FP4 (Gmax 12) or INT4 (7), and nothing saturates.
     */
    public static Block mxBitmod(Grid g, double[] block) {
        double m = maxAbs(block);
        double half = g.maxAbs() / 2;
        double p = m == 0 ? 1 : Math.scalb(1.0, Math.getExponent(m));
        double s = p / half;
        double[] q = new double[block.length];
        double[] d = new double[block.length];
        for (int i = 0; i < block.length; i++) {
            q[i] = g.round(block[i] / s);
            d[i] = q[i] * s;
        }
        return new Block("mx_bitmod_" + g.name(), s, q, d, mse(block, d));
    }
}
