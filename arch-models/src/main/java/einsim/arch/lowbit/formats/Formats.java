package einsim.arch.lowbit.formats;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The value grids of the low-bit formats (lowbit brief §2), by name. BitMoD's types are in the code's integer grid
 * units (FP4 = OCP E2M1 × 2); ANT's flint and PoT as their value sets; OCP FP formats ExMy from their bit fields.
 */
public final class Formats {
    private Formats() {}

    private static double[] sym(double... pos) {
        TreeSet<Double> s = new TreeSet<>();
        s.add(0.0);
        for (double p : pos) {
            s.add(p);
            s.add(-p);
        }
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] plus(double[] base, double extra) {
        double[] out = java.util.Arrays.copyOf(base, base.length + 1);
        out[base.length] = extra;
        return Grid.sorted(out);
    }

    /** Every value of a sign + e-bit exponent + m-bit mantissa format with bias 2^(e−1) − 1, no inf/NaN (OCP FP4/FP6 style). */
    public static double[] fpValues(int e, int m) { return fpValues(e, m, 0); }

    /**
     * @param reserved 0: every code is a value (OCP FP4/FP6); 1: the all-ones code is NaN (OCP E4M3); 2: the top
     *                 exponent is infinity and NaN (IEEE-style, OCP E5M2)
     */
    public static double[] fpValues(int e, int m, int reserved) {
        TreeSet<Double> s = new TreeSet<>();
        int bias = (1 << (e - 1)) - 1;
        for (int ex = 0; ex < (1 << e); ex++) {
            if (reserved == 2 && ex == (1 << e) - 1) continue;
            for (int mt = 0; mt < (1 << m); mt++) {
                if (reserved == 1 && ex == (1 << e) - 1 && mt == (1 << m) - 1) continue;
                double v = ex == 0 ? Math.scalb((double) mt / (1 << m), 1 - bias) : Math.scalb(1 + (double) mt / (1 << m), ex - bias);
                s.add(v);
                s.add(-v);
            }
        }
        s.remove(-0.0);
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The grids by name (lower-case). */
    public static Map<String, Grid> all() {
        Map<String, Grid> m = new LinkedHashMap<>();
        double[] fp3 = sym(1, 2, 4);
        double[] fp4 = sym(1, 2, 3, 4, 6, 8, 12);
        // BitMoD (brief §2.2): ties to the lower value
        m.put("int3", new Grid("int3", sym(1, 2, 3), false));
        m.put("int4", new Grid("int4", sym(1, 2, 3, 4, 5, 6, 7), false));
        m.put("fp3", new Grid("fp3", fp3, false));
        m.put("fp3_er_pos", new Grid("fp3_er_pos", plus(fp3, 3), false));
        m.put("fp3_er_neg", new Grid("fp3_er_neg", plus(fp3, -3), false));
        m.put("fp3_ea_pos", new Grid("fp3_ea_pos", plus(fp3, 6), false));
        m.put("fp3_ea_neg", new Grid("fp3_ea_neg", plus(fp3, -6), false));
        m.put("fp4", new Grid("fp4", fp4, false));
        m.put("fp4_er_pos", new Grid("fp4_er_pos", plus(fp4, 10), false));
        m.put("fp4_er_neg", new Grid("fp4_er_neg", plus(fp4, -10), false));
        m.put("fp4_ea_pos", new Grid("fp4_ea_pos", plus(fp4, 16), false));
        m.put("fp4_ea_neg", new Grid("fp4_ea_neg", plus(fp4, -16), false));
        m.put("flint4_bitmod", new Grid("flint4_bitmod", sym(1, 2, 3, 4, 6, 8, 16), false));
        // OCP ExMy (values, not BitMoD's ×2 units)
        m.put("e2m1", new Grid("e2m1", fpValues(2, 1), false));
        m.put("e2m2", new Grid("e2m2", fpValues(2, 2), false));
        m.put("e3m1", new Grid("e3m1", fpValues(3, 1), false));
        m.put("e2m3", new Grid("e2m3", fpValues(2, 3), false));
        m.put("e3m2", new Grid("e3m2", fpValues(3, 2), false));
        m.put("e4m3", new Grid("e4m3", fpValues(4, 3, 1), false));
        m.put("e5m2", new Grid("e5m2", fpValues(5, 2, 2), false));
        // ANT (brief §2.4): ties to the later (larger) entry
        m.put("ant_int4", new Grid("ant_int4", Grid.sorted(-8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7), true));
        m.put("ant_pot4", new Grid("ant_pot4", sym(1, 2, 4, 8, 16, 32, 64), true));
        m.put("ant_flint4", new Grid("ant_flint4", sym(0.25, 0.5, 0.75, 1, 1.5, 2, 4), true));
        m.put("ant_flint4_unsigned", new Grid("ant_flint4_unsigned", Grid.sorted(0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1, 1.25, 1.5, 1.75,
                2, 3, 4, 8), true));
        return m;
    }

    public static Grid grid(String name) {
        Grid g = all().get(name.toLowerCase(Locale.ROOT));
        if (g == null) throw new IllegalArgumentException("unknown format '" + name + "' (known: " + String.join(", ", all().keySet()) + ")");
        return g;
    }
}
