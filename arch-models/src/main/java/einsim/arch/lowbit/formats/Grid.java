package einsim.arch.lowbit.formats;

import java.util.Arrays;

/**
 * A non-uniform value grid and its rounding rule (lowbit brief §2.1): values in the format's own units, the scale
 * s = max|w| / max|g|, x = w/s rounded to a grid value, ŵ = g·s.
 *
 * @param values    the representable values, ascending (OliVe's concatenated grid is not sorted: see {@link #nearest})
 * @param tieToLater false: a value exactly between two grid values goes to the lower one (BitMoD, toward −∞); true:
 *                   to the later entry of {@code values} (ANT's and OliVe's kernels compare with {@code <=})
 */
public record Grid(String name, double[] values, boolean tieToLater) {
    public Grid {
        values = values.clone();
        if (values.length < 2) throw new IllegalArgumentException(name + ": a grid needs at least two values");
    }

    public double maxAbs() {
        double m = 0;
        for (double v : values) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Index of the grid value nearest to x under this grid's tie rule. */
    public int nearest(double x) {
        int best = 0;
        double bestD = Math.abs(x - values[0]);
        for (int i = 1; i < values.length; i++) {
            double d = Math.abs(x - values[i]);
            if (d < bestD || (d == bestD && (tieToLater || values[i] < values[best]))) {
                best = i;
                bestD = d;
            }
        }
        return best;
    }

    public double round(double x) { return values[nearest(x)]; }

    /** Sorted copy with duplicates removed. */
    public static double[] sorted(double... v) {
        return Arrays.stream(v).distinct().sorted().toArray();
    }
}
