package einsim.arch.lowbit.formats;

/**
 * Bit codes where the sources establish them (lowbit brief §2.2, §2.5), and IEEE FP16 / bfloat16 (round to nearest
 * even):
 * <ul>
 *   <li>BitMoD FP4: bit 3 sign, bits 2..0 the E2M1 magnitude code (000 → 0, 001 → 0.5, 010 → 1, 011 → 1.5, 100 → 2,
 *       101 → 3, 110 → 4, 111 → 6); the redundant −0 (1000) encodes the group's special value;</li>
 *   <li>BitMoD FP3 [inferred by the brief]: sign and a 2-bit magnitude {00 → 0, 01 → 1, 10 → 2, 11 → 4}, 100 the
 *       special value;</li>
 *   <li>OliVe pairs: a normal int4 value in two's complement (1000 never used by a normal value), the victim as 1000,
 *       the outlier as abfloat sign | 2-bit exponent | 1-bit mantissa, |v| = 2^(e+5)·(1+m/2) in the ×4 grid.</li>
 * </ul>
 */
public final class Codes {
    private Codes() {}

    private static final double[] E2M1 = {0, 0.5, 1, 1.5, 2, 3, 4, 6};

    /** FP4 code of a value in BitMoD's grid units (E2M1 × 2); {@code special} is the group's special value or NaN. */
    public static int encodeFp4(double v, double special) {
        if (v == special) return 0b1000;
        double a = Math.abs(v) / 2;
        for (int c = 0; c < 8; c++) {
            if (E2M1[c] == a) return (v < 0 && c != 0 ? 0b1000 : 0) | c;
        }
        throw new IllegalArgumentException(v + " is not an FP4 value (E2M1 × 2) nor the group's special value " + special);
    }

    public static double decodeFp4(int code, double special) {
        if ((code & 0xf) != code) throw new IllegalArgumentException("FP4 codes are 4 bits: " + code);
        if (code == 0b1000) return special;
        double v = 2 * E2M1[code & 7];
        return (code & 0b1000) != 0 ? -v : v;
    }

    private static final double[] FP3 = {0, 1, 2, 4};

    public static int encodeFp3(double v, double special) {
        if (v == special) return 0b100;
        for (int c = 0; c < 4; c++) if (FP3[c] == Math.abs(v)) return (v < 0 && c != 0 ? 0b100 : 0) | c;
        throw new IllegalArgumentException(v + " is not an FP3 value nor the group's special value " + special);
    }

    public static double decodeFp3(int code, double special) {
        if ((code & 7) != code) throw new IllegalArgumentException("FP3 codes are 3 bits: " + code);
        if (code == 0b100) return special;
        double v = FP3[code & 3];
        return (code & 0b100) != 0 ? -v : v;
    }

    /** OliVe: the two 4-bit codes of a pair of quantized values (×4 int grid, after the pairing rule). */
    public static int[] encodeOlivePair(double a, double b) {
        if (Math.abs(a) > 32 && Math.abs(b) > 32) throw new IllegalArgumentException("a pair holds at most one outlier (" + a + ", " + b + ")");
        return new int[]{oliveCode(a, b), oliveCode(b, a)};
    }

    private static int oliveCode(double v, double partner) {
        if (Math.abs(partner) > 32 && v == 0) return 0b1000; // the victim
        if (Math.abs(v) > 32) {
            double m = Math.abs(v);
            for (int e = 0; e < 4; e++) {
                for (int mt = 0; mt < 2; mt++) {
                    if ((e | mt) != 0 && Math.pow(2, e + 5) * (1 + mt / 2.0) == m) return (v < 0 ? 0b1000 : 0) | (e << 1) | mt;
                }
            }
            throw new IllegalArgumentException(v + " is not an abfloat outlier");
        }
        if (v % 4 != 0 || Math.abs(v) > 28) throw new IllegalArgumentException(v + " is not a normal OliVe int4 value (×4)");
        return ((int) (v / 4)) & 0xf;
    }

    /** Decodes a pair: a 1000 code is the victim (0) and makes its partner an abfloat outlier. */
    public static double[] decodeOlivePair(int c0, int c1) {
        boolean o1 = c0 == 0b1000;
        boolean o0 = c1 == 0b1000;
        if (o0 && o1) throw new IllegalArgumentException("both codes of a pair are victims");
        return new double[]{o1 ? 0 : o0 ? abfloat(c0) : normal(c0), o0 ? 0 : o1 ? abfloat(c1) : normal(c1)};
    }

    private static double normal(int c) { return 4 * (c >= 8 ? c - 16 : c); }

    private static double abfloat(int c) {
        int e = (c >> 1) & 3;
        int m = c & 1;
        double v = Math.pow(2, e + 5) * (1 + m / 2.0);
        return (c & 0b1000) != 0 ? -v : v;
    }

    /** IEEE half precision bits of a value, round to nearest even (from the double itself: no double rounding), overflow to infinity. */
    public static short toFp16(double v) {
        return (short) round(v, 10, 5, true);
    }

    /**
     * Bits of a binary float with {@code mant} mantissa bits and {@code exp} exponent bits (bias 2^(exp−1) − 1, the top
     * exponent for infinity and NaN), rounding the double to nearest even: the scaling by a power of two is exact, so
     * {@link Math#rint} rounds once.
     */
    static int round(double v, int mant, int exp, boolean ieee) {
        int bias = (1 << (exp - 1)) - 1;
        int sign = (Double.doubleToRawLongBits(v) < 0 ? 1 : 0) << (mant + exp);
        int inf = ((1 << exp) - 1) << mant;
        if (Double.isNaN(v)) return inf | (1 << (mant - 1));
        double a = Math.abs(v);
        if (Double.isInfinite(a)) return sign | inf;
        int e = a == 0 ? -bias : Math.max(Math.getExponent(a), 1 - bias);
        double scaled = Math.scalb(a, mant - e);          // exact
        double r = Math.rint(scaled);                      // round half to even, once
        if (r >= Math.scalb(1.0, mant + 1)) {
            r /= 2;
            e++;
        }
        if (e > bias) return sign | inf;
        long m = (long) r;
        if (m < (1L << mant)) return sign | (int) m;        // subnormal (or zero)
        return sign | ((e + bias) << mant) | (int) (m - (1L << mant));
    }

    public static double fromFp16(short h) {
        int s = (h >> 15) & 1;
        int e = (h >> 10) & 0x1f;
        int m = h & 0x3ff;
        double v = e == 0 ? Math.scalb((double) m, -24) : e == 31 ? (m == 0 ? Double.POSITIVE_INFINITY : Double.NaN) : Math.scalb(1024.0 + m, e - 25);
        return s == 1 ? -v : v;
    }

    /** bfloat16 bits (8 exponent bits, 7 mantissa bits), round to nearest even from the double itself. */
    public static short toBf16(double v) {
        return (short) round(v, 7, 8, true);
    }

    public static double fromBf16(short b) { return Float.intBitsToFloat((b & 0xffff) << 16); }
}
