package einsim.arch.lut;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Area (µm²) and energy (pJ per operation, or per bit per cycle for registers) of the digital components a tensor
 * unit is built from, at 28 nm. None is fitted to the LUT Tensor Core paper: arithmetic from Horowitz (ISSCC 2014,
 * 45 nm, 0.9 V), cells from the NanGate 45 nm Open Cell Library (typical, 1.1 V), both scaled to 28 nm by one rule:
 * area × (28/45)², energy × 28/45 (capacitance ∝ feature size at equal voltage) and × (0.9/1.1)² for the 1.1 V cells.
 * BitMoD's 28 nm synthesis (FP16 adder 459.9 µm², 0.28 pJ) is the cross-check.
 */
public record ComponentTech(double fp16AddUm2, double fp16AddPj, double fp16MulUm2, double fp16MulPj, double int8MulUm2,
                            double int8MulPj, double[] intAddBits, double[] intAddUm2, double[] intAddPj, double dffUm2,
                            double dffClockPj, double dffTogglePj, double mux2Um2, double mux2Pj, double xorUm2, double xorPj,
                            double activity, Map<String, String> provenance) {
    public static final double AREA_45_TO_28 = (28.0 / 45) * (28.0 / 45);
    public static final double ENERGY_45_TO_28 = 28.0 / 45;
    /** The NanGate cells are characterized at 1.1 V; the arithmetic at 0.9 V. */
    public static final double CELL_VOLTAGE = (0.9 / 1.1) * (0.9 / 1.1);

    public ComponentTech {
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        intAddBits = intAddBits.clone();
        intAddUm2 = intAddUm2.clone();
        intAddPj = intAddPj.clone();
    }

    private static final String H = "Horowitz, 'Computing's energy problem', ISSCC 2014 (45 nm, 0.9 V; table as reproduced in "
            + "Kim et al., arXiv:2302.14017, Fig. 15)";
    private static final String N = "NanGate FreePDK45 Open Cell Library rev 1.0, typical 1.1 V 25 C (as in "
            + "The-OpenROAD-Project/OpenSTA@d1b2b39 examples/nangate45_typ.lib.gz)";

    /** The default technology: 28 nm by scaling, as the class comment says. */
    public static ComponentTech tsmc28() {
        double a = AREA_45_TO_28;
        double e = ENERGY_45_TO_28;
        double c = ENERGY_45_TO_28 * CELL_VOLTAGE;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("fp16_add", H + ": 16-bit FP add 1360 um2, 0.4 pJ");
        p.put("fp16_mul", H + ": 16-bit FP mult 1640 um2, 1.1 pJ");
        p.put("int8_mul", H + ": 8-bit mult 282 um2, 0.2 pJ");
        p.put("int_add", H + ": 8/16/32-bit add 36/67/137 um2, 0.03/0.05/0.1 pJ; other widths linear between them");
        p.put("dff", N + ": DFF_X1 4.522 um2; clock pin 6.9 fJ per cycle, output transition 4.2 fJ");
        p.put("mux2", N + ": MUX2_X1 1.862 um2, 3.2 fJ per output transition");
        p.put("xor", N + ": XOR2_X1 1.596 um2, 3.0 fJ per output transition");
        p.put("activity", "0.5 transitions per data bit per cycle [assumption]");
        p.put("scaling", "area x (28/45)^2 = 0.387, energy x 28/45 = 0.622 (x (0.9/1.1)^2 for the 1.1 V cells) [assumption: ideal shrink]");
        return new ComponentTech(1360 * a, 0.4 * e, 1640 * a, 1.1 * e, 282 * a, 0.2 * e,
                new double[]{8, 16, 32}, new double[]{36 * a, 67 * a, 137 * a}, new double[]{0.03 * e, 0.05 * e, 0.1 * e},
                4.522 * a, 0.0069 * c, 0.0042 * c, 1.862 * a, 0.0032 * c, 1.596 * a, 0.003 * c, 0.5, p);
    }

    /** Area of a {@code bits}-wide integer adder, µm² (piecewise linear through the cited widths; proportional beyond). */
    public double intAddUm2(double bits) { return interpolate(bits, intAddUm2); }

    public double intAddPj(double bits) { return interpolate(bits, intAddPj); }

    private double interpolate(double bits, double[] v) {
        if (bits <= intAddBits[0]) return v[0] * bits / intAddBits[0];
        for (int i = 1; i < intAddBits.length; i++) {
            if (bits <= intAddBits[i]) {
                double t = (bits - intAddBits[i - 1]) / (intAddBits[i] - intAddBits[i - 1]);
                return v[i - 1] + t * (v[i] - v[i - 1]);
            }
        }
        int last = intAddBits.length - 1;
        return v[last] * bits / intAddBits[last];
    }

    /** Energy of one register bit for one cycle: clocking plus data transitions at the activity factor, pJ. */
    public double dffPjPerCycle() { return dffClockPj + activity * dffTogglePj; }
}
