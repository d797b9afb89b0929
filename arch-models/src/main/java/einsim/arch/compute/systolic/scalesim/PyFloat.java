package einsim.arch.compute.systolic.scalesim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double as Python's {@code repr} does: the shortest digit string that reads back as the same double,
 * fixed notation for 1e-4 ≤ |x| < 1e16 ({@code .0} on integral values), else {@code d.ddde-05}. Java 17's
 * {@code Double.toString} differs in both notation and, sometimes, digits (systolic brief §11.2).
 */
public final class PyFloat {
    private PyFloat() {}

    public static String repr(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return (Double.doubleToRawLongBits(x) < 0) ? "-0.0" : "0.0";
        BigDecimal exact = new BigDecimal(x);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == x) {
                shortest = r;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        double ax = Math.abs(x);
        if (ax >= 1e-4 && ax < 1e16) {
            String s = shortest.toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        // scientific: d.ddd e±XX
        String digits = shortest.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - shortest.scale();
        StringBuilder sb = new StringBuilder();
        if (x < 0) sb.append('-');
        sb.append(digits.charAt(0));
        if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
        sb.append('e').append(exp < 0 ? '-' : '+');
        int ae = Math.abs(exp);
        if (ae < 10) sb.append('0');
        sb.append(ae);
        return sb.toString();
    }
}
